package dev.parley.routing.presence;

import dev.parley.contracts.presence.AgentPresenceChanged;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Agents' connections and when each was last heard from. An agent is as available as their best
 * connection heard from within {@link PresenceProperties#timeout()}; a connection that fell
 * silent simply stops counting, so a gateway node that died takes its agents offline without
 * telling anyone.
 */
@Component
public final class Presence {

    private final DatabaseClient db;
    private final PresenceProperties properties;

    public Presence(DatabaseClient db, PresenceProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /** The oldest heartbeat that still counts at {@code now}. */
    public Instant freshSince(Instant now) {
        return now.minus(properties.timeout());
    }

    /**
     * Stores what one connection said at {@code heardAt}. OFFLINE closes the connection. An
     * {@code UNKNOWN} status from a newer gateway keeps the connection but routes nothing to it.
     */
    public Mono<Void> record(
            UUID tenantId, UUID agentId, String connectionId, AgentPresenceChanged.Status status, Instant heardAt) {
        if (status == AgentPresenceChanged.Status.OFFLINE) {
            return db.sql("delete from agent_connection where tenant_id = $1 and agent_id = $2 and connection_id = $3")
                    .bind(0, tenantId)
                    .bind(1, agentId)
                    .bind(2, connectionId)
                    .then();
        }
        String stored = status == AgentPresenceChanged.Status.ONLINE ? "ONLINE" : "AWAY";
        return db.sql("insert into agent_connection (tenant_id, agent_id, connection_id, status, last_seen)"
                        + " values ($1, $2, $3, $4, $5)"
                        + " on conflict (tenant_id, agent_id, connection_id) do update"
                        + " set status = excluded.status, last_seen = excluded.last_seen"
                        // A late, older report never overrides a newer one.
                        + " where agent_connection.last_seen <= excluded.last_seen")
                .bind(0, tenantId)
                .bind(1, agentId)
                .bind(2, connectionId)
                .bind(3, stored)
                .bind(4, heardAt)
                .then();
    }

    /** Forgets connections silent since before {@code freshSince}: they no longer count anyway. */
    public Mono<Void> forgetSilent(UUID tenantId, Instant freshSince) {
        return db.sql("delete from agent_connection where tenant_id = $1 and last_seen < $2")
                .bind(0, tenantId)
                .bind(1, freshSince)
                .then();
    }

    /** Every agent of the tenant with a live connection, and how available they are. */
    public Mono<Map<UUID, AgentStatus>> statuses(UUID tenantId, Instant now) {
        return db.sql("select agent_id, bool_or(status = 'ONLINE') as online from agent_connection"
                        + " where tenant_id = $1 and last_seen >= $2 group by agent_id")
                .bind(0, tenantId)
                .bind(1, freshSince(now))
                .map(row -> Map.entry(
                        row.get("agent_id", UUID.class),
                        Boolean.TRUE.equals(row.get("online", Boolean.class)) ? AgentStatus.ONLINE : AgentStatus.AWAY))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    public Mono<AgentStatus> statusOf(UUID tenantId, UUID agentId, Instant now) {
        return db.sql("select bool_or(status = 'ONLINE') as online, count(*) as connections from agent_connection"
                        + " where tenant_id = $1 and agent_id = $2 and last_seen >= $3")
                .bind(0, tenantId)
                .bind(1, agentId)
                .bind(2, freshSince(now))
                .map(row -> {
                    Long connections = row.get("connections", Long.class);
                    if (connections == null || connections == 0) {
                        return AgentStatus.OFFLINE;
                    }
                    return Boolean.TRUE.equals(row.get("online", Boolean.class))
                            ? AgentStatus.ONLINE
                            : AgentStatus.AWAY;
                })
                .one();
    }

    /** The agents of the tenant who take new chats now. */
    public Mono<Set<UUID>> online(UUID tenantId, Instant now) {
        return statuses(tenantId, now).map(statuses -> statuses.entrySet().stream()
                .filter(entry -> entry.getValue() == AgentStatus.ONLINE)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet()));
    }
}
