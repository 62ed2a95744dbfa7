package dev.parley.routing.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Learns from each assignment how long a department's visitors wait: an exponentially weighted
 * moving average, so the estimate follows the current load without keeping a history to scan.
 */
@Component
public final class WaitEstimates {

    /** The newest wait's share of the average: roughly the last ten assignments count. */
    private static final double NEWEST_WEIGHT = 0.2;

    private final DatabaseClient db;
    private final QueueProperties properties;

    public WaitEstimates(DatabaseClient db, QueueProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /** A visitor of the department waited {@code waited} until an agent took the chat. */
    public Mono<Void> waited(UUID tenantId, UUID departmentId, Duration waited, Instant now) {
        double seconds = Math.max(0, waited.toMillis() / 1000.0);
        return db.sql("insert into department_wait (tenant_id, department_id, average_seconds, sampled_at)"
                        + " values ($1, $2, $3, $4) on conflict (tenant_id, department_id) do update set"
                        + " average_seconds = case when department_wait.sampled_at < $5 then excluded.average_seconds"
                        + " else department_wait.average_seconds * (1 - $6) + excluded.average_seconds * $6 end,"
                        + " sampled_at = excluded.sampled_at")
                .bind(0, tenantId)
                .bind(1, departmentId)
                .bind(2, seconds)
                .bind(3, now)
                .bind(4, now.minus(properties.waitMemory()))
                .bind(5, NEWEST_WEIGHT)
                .then();
    }

    public Mono<WaitEstimate> estimate(UUID tenantId, UUID departmentId, int onlineAgents, Instant now) {
        double fallback = properties.defaultWait().toMillis() / 1000.0;
        return db.sql("select average_seconds from department_wait"
                        + " where tenant_id = $1 and department_id = $2 and sampled_at >= $3")
                .bind(0, tenantId)
                .bind(1, departmentId)
                .bind(2, now.minus(properties.waitMemory()))
                .map(row -> row.get(0, Double.class))
                .one()
                .defaultIfEmpty(fallback)
                .map(average -> new WaitEstimate(average, onlineAgents));
    }
}
