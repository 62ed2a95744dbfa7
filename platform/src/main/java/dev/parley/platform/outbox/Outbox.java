package dev.parley.platform.outbox;

import dev.parley.contracts.EventCodec;
import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import io.r2dbc.postgresql.codec.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
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
    private final Runnable afterCommitBatched;

    /** How soon after its commit an event should leave. */
    public enum Latency {
        /** Something waits on it (a chat to route, a close to tell): the relay runs at once. */
        AT_ONCE,
        /**
         * Nothing waits on it within milliseconds (a message posted, for reports): it leaves with
         * others written in the next {@link OutboxProperties#batchedDelay}, one relay round for all
         * of them, unless an {@link #AT_ONCE} event takes it along sooner. Order is the same.
         */
        BATCHED
    }

    /**
     * @param afterCommit asks the relay for a round now
     * @param afterCommitBatched asks the relay for a round within its batched delay
     */
    public Outbox(DatabaseClient db, EventCodec codec, Runnable afterCommit, Runnable afterCommitBatched) {
        this.db = db;
        this.codec = codec;
        this.afterCommit = afterCommit;
        this.afterCommitBatched = afterCommitBatched;
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
                .then(nudgeRelayAfterCommit(afterCommit));
    }

    /**
     * Stores {@code events} in one statement, in their order (the relay publishes by position): a
     * batch of messages costs one round trip, not one per event.
     */
    public Mono<Void> appendAll(String aggregateType, List<EventEnvelope<?>> events) {
        return appendAll(aggregateType, events, Latency.AT_ONCE);
    }

    /** As {@link #appendAll(String, List)}, published as soon as {@code latency} says. */
    public Mono<Void> appendAll(String aggregateType, List<EventEnvelope<?>> events, Latency latency) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        UUID[] tenants = new UUID[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        String[] sources = new String[n];
        String[] times = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            EventEnvelope<?> event = events.get(i);
            ids[i] = event.id();
            tenants[i] = event.tenantId();
            keys[i] = event.key();
            types[i] = event.type();
            topics[i] = EventTypes.require(event.type()).topic();
            sources[i] = event.source();
            times[i] = event.time().toString();
            payloads[i] = new String(codec.encode(event), StandardCharsets.UTF_8);
        }
        return db.sql("insert into outbox (id, tenant_id, aggregate_type, aggregate_id, type, topic, source,"
                        + " occurred_at, payload) select e.id, e.tenant_id, $1, e.key, e.type, e.topic, e.source,"
                        + " e.at::timestamptz, e.payload::jsonb from unnest($2::uuid[], $3::uuid[], $4::text[],"
                        + " $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) with ordinality"
                        + " as e(id, tenant_id, key, type, topic, source, at, payload, n) order by e.n")
                .bind(0, aggregateType)
                .bind(1, ids)
                .bind(2, tenants)
                .bind(3, keys)
                .bind(4, types)
                .bind(5, topics)
                .bind(6, sources)
                .bind(7, times)
                .bind(8, payloads)
                .then()
                .then(nudgeRelayAfterCommit(latency == Latency.BATCHED ? afterCommitBatched : afterCommit));
    }

    private Mono<Void> nudgeRelayAfterCommit(Runnable afterCommit) {
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
