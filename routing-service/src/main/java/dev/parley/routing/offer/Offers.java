package dev.parley.routing.offer;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Open offers, and when each tenant next has one to expire. Every lookup names its tenant except {@link #dueTenants}. */
@Component
public final class Offers {

    private static final String COLUMNS = "conversation_id, agent_id, department_id, offered_at, expires_at";

    private final DatabaseClient db;

    public Offers(DatabaseClient db) {
        this.db = db;
    }

    /** Stores the offer and makes sure the expiry sweep looks at the tenant by its deadline. */
    public Mono<Void> open(UUID tenantId, Offer offer) {
        return db.sql("insert into offer (tenant_id, " + COLUMNS + ") values ($1, $2, $3, $4, $5, $6)")
                .bind(0, tenantId)
                .bind(1, offer.conversationId())
                .bind(2, offer.agentId())
                .bind(3, offer.departmentId())
                .bind(4, offer.offeredAt())
                .bind(5, offer.expiresAt())
                .then()
                .then(db.sql("insert into offer_sweep (tenant_id, due_at) values ($1, $2) on conflict (tenant_id)"
                                + " do update set due_at = least(offer_sweep.due_at, excluded.due_at)")
                        .bind(0, tenantId)
                        .bind(1, offer.expiresAt())
                        .then());
    }

    public Mono<Offer> find(UUID tenantId, UUID conversationId) {
        return db.sql("select " + COLUMNS + " from offer where tenant_id = $1 and conversation_id = $2")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .map(Offers::offer)
                .one();
    }

    /** Removes the conversation's offer; emits it if there was one. */
    public Mono<Offer> close(UUID tenantId, UUID conversationId) {
        return db.sql("delete from offer where tenant_id = $1 and conversation_id = $2 returning " + COLUMNS)
                .bind(0, tenantId)
                .bind(1, conversationId)
                .map(Offers::offer)
                .one();
    }

    /** Removes every offer the agent holds (they stopped taking chats); emits them. */
    public Flux<Offer> closeAllOf(UUID tenantId, UUID agentId) {
        return db.sql("delete from offer where tenant_id = $1 and agent_id = $2 returning " + COLUMNS)
                .bind(0, tenantId)
                .bind(1, agentId)
                .map(Offers::offer)
                .all();
    }

    /** Removes every offer held by an agent not among {@code agentIds} (they left the tenant); emits them. */
    public Flux<Offer> closeAllExcept(UUID tenantId, Collection<UUID> agentIds) {
        return db.sql("delete from offer where tenant_id = $1 and not (agent_id = any($2)) returning " + COLUMNS)
                .bind(0, tenantId)
                .bind(1, agentIds.toArray(UUID[]::new))
                .map(Offers::offer)
                .all();
    }

    /** How many open offers each agent of the tenant holds: they count against capacity. */
    public Mono<Map<UUID, Integer>> countsByAgent(UUID tenantId) {
        return db.sql("select agent_id, count(*) as offers from offer where tenant_id = $1 group by agent_id")
                .bind(0, tenantId)
                .map(row -> Map.entry(
                        row.get("agent_id", UUID.class),
                        row.get("offers", Long.class).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    /**
     * Removes and emits the tenant's offers that expired by {@code now}. Rows another transaction
     * holds are skipped rather than waited for: whoever holds them is deciding about them.
     */
    public Flux<Offer> closeExpired(UUID tenantId, Instant now) {
        return db.sql("delete from offer where tenant_id = $1 and conversation_id in (select conversation_id from offer"
                        + " where tenant_id = $1 and expires_at <= $2 order by expires_at for update skip locked)"
                        + " returning " + COLUMNS)
                .bind(0, tenantId)
                .bind(1, now)
                .map(Offers::offer)
                .all();
    }

    /** After a sweep: the tenant's next deadline, or none. */
    public Mono<Void> reschedule(UUID tenantId) {
        return db.sql("with next as (select min(expires_at) as due_at from offer where tenant_id = $1)"
                        + " update offer_sweep set due_at = next.due_at from next"
                        + " where offer_sweep.tenant_id = $1 and next.due_at is not null")
                .bind(0, tenantId)
                .then()
                .then(db.sql("delete from offer_sweep where tenant_id = $1"
                                + " and not exists (select 1 from offer where tenant_id = $1)")
                        .bind(0, tenantId)
                        .then());
    }

    /**
     * Tenants with an offer due by now, soonest first. The one read across tenants: the sweep
     * must find them before it can act as any of them, and {@code offer_sweep} holds nothing else.
     */
    public Flux<UUID> dueTenants(int limit) {
        return db.sql("select tenant_id from offer_sweep where due_at <= clock_timestamp() order by due_at limit $1")
                .bind(0, limit)
                .map(row -> row.get(0, UUID.class))
                .all();
    }

    private static Offer offer(Readable row) {
        return new Offer(
                row.get("conversation_id", UUID.class),
                row.get("agent_id", UUID.class),
                row.get("department_id", UUID.class),
                row.get("offered_at", Instant.class),
                row.get("expires_at", Instant.class));
    }
}
