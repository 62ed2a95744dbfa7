package dev.parley.routing.assignment;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Agents' capacity as routing keeps it: how many chats each holds. The table's check constraint
 * ({@code active_chats <= max_chats}) is the last wall: a decision that would overfill an agent
 * fails and changes nothing, even if the code before it were wrong.
 */
@Component
class Agents {

    private final DatabaseClient db;

    Agents(DatabaseClient db) {
        this.db = db;
    }

    /** Every agent of the tenant who has held a chat; the others carry nothing. */
    Mono<Map<UUID, AgentLoad>> loads(UUID tenantId) {
        return db.sql("select id, active_chats, last_assigned_at from agent where tenant_id = $1")
                .bind(0, tenantId)
                .map(row -> Map.entry(
                        row.get("id", UUID.class),
                        new AgentLoad(
                                row.get("active_chats", Integer.class), row.get("last_assigned_at", Instant.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    Mono<AgentLoad> load(UUID tenantId, UUID agentId) {
        return db.sql("select active_chats, last_assigned_at from agent where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, agentId)
                .map(row -> new AgentLoad(
                        row.get("active_chats", Integer.class), row.get("last_assigned_at", Instant.class)))
                .one()
                .defaultIfEmpty(AgentLoad.IDLE);
    }

    /**
     * One more chat for the agent. {@code maxChats} is the tenant's current setting for them, so
     * the constraint checks against what the admin configured now.
     */
    Mono<Void> took(UUID tenantId, UUID agentId, int maxChats, Instant at) {
        return db.sql("insert into agent (tenant_id, id, max_chats, active_chats, last_assigned_at)"
                        + " values ($1, $2, $3, 1, $4) on conflict (tenant_id, id) do update set"
                        + " active_chats = agent.active_chats + 1, max_chats = excluded.max_chats,"
                        + " last_assigned_at = excluded.last_assigned_at")
                .bind(0, tenantId)
                .bind(1, agentId)
                .bind(2, maxChats)
                .bind(3, at)
                .then();
    }

    /** One chat fewer: closed or handed over. */
    Mono<Void> released(UUID tenantId, UUID agentId) {
        return db.sql("update agent set active_chats = active_chats - 1"
                        + " where tenant_id = $1 and id = $2 and active_chats > 0")
                .bind(0, tenantId)
                .bind(1, agentId)
                .then();
    }
}
