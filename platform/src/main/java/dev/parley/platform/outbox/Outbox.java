package dev.parley.platform.outbox;

import dev.parley.contracts.EventCodec;
import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Writes integration events into the outbox table of the current transaction. Call it inside
 * the transaction that changes the state the event reports: both commit or neither does. The
 * relay is nudged after commit, so events usually leave within a millisecond or two instead of
 * waiting for the next poll.
 */
public final class Outbox {

    private final DatabaseClient db;
    private final EventCodec codec;
    private final Runnable afterCommit;

    public Outbox(DatabaseClient db, EventCodec codec, Runnable afterCommit) {
        this.db = db;
        this.codec = codec;
        this.afterCommit = afterCommit;
    }

    /** Stores {@code event} for publication on its type's topic, keyed by {@code event.key()}. */
    public Mono<Void> append(String aggregateType, EventEnvelope<?> event) {
        String topic = EventTypes.require(event.type()).topic();
        return db.sql("insert into outbox (id, tenant_id, aggregate_type, aggregate_id, type, topic, source,"
                        + " occurred_at, payload) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .bind(0, event.id())
                .bind(1, event.tenantId())
                .bind(2, aggregateType)
                .bind(3, event.key())
                .bind(4, event.type())
                .bind(5, topic)
                .bind(6, event.source())
                .bind(7, event.time())
                .bind(8, Json.of(codec.encode(event)))
                .then()
                .then(nudgeRelayAfterCommit());
    }

    private Mono<Void> nudgeRelayAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(sync -> {
                    sync.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return Mono.fromRunnable(afterCommit);
                        }
                    });
                    return Mono.<Void>empty();
                })
                // Outside a transaction the insert has committed already.
                .onErrorResume(
                        org.springframework.transaction.NoTransactionException.class,
                        e -> Mono.fromRunnable(afterCommit));
    }
}
