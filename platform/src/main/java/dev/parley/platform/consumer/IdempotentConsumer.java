package dev.parley.platform.consumer;

import dev.parley.contracts.EventEnvelope;
import dev.parley.platform.tenant.TenantTransactions;
import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Applies each event at most once per consumer, although Kafka and the outbox deliver at least
 * once. The event id is recorded in the same transaction as the consumer's effect: either both
 * are committed, or neither and the redelivery applies it.
 */
public final class IdempotentConsumer {

    private final DatabaseClient db;
    private final TenantTransactions transactions;

    public IdempotentConsumer(DatabaseClient db, TenantTransactions transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /**
     * Runs {@code effect} in a transaction of the event's tenant unless {@code consumer} has
     * applied this event before. Emits {@code true} when it ran, {@code false} for a duplicate.
     */
    public Mono<Boolean> apply(String consumer, EventEnvelope<?> event, Supplier<Mono<Void>> effect) {
        return transactions.inTenant(event.tenantId(), () -> db.sql(
                        "insert into processed_event (consumer, event_id, tenant_id) values ($1, $2, $3)"
                                + " on conflict do nothing")
                .bind(0, consumer)
                .bind(1, event.id())
                .bind(2, event.tenantId())
                .fetch()
                .rowsUpdated()
                .flatMap(inserted -> inserted == 1 ? effect.get().thenReturn(Boolean.TRUE) : Mono.just(Boolean.FALSE)));
    }
}
