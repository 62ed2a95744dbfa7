package dev.parley.routing.assignment;

import dev.parley.routing.queue.Answers;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Who owns each answered conversation; each lookup names its tenant. */
@Component
public class Assignments {

    private static final String COLUMNS =
            "conversation_id, agent_id, department_id, visitor_id, visitor_name, answers, page_url, assigned_at,"
                    + " enqueued_at";

    private final DatabaseClient db;

    Assignments(DatabaseClient db) {
        this.db = db;
    }

    /** Fails on the primary key if the conversation has an owner already: never two. */
    Mono<Void> add(UUID tenantId, Assignment assignment) {
        GenericExecuteSpec insert = db.sql("insert into assignment (tenant_id, " + COLUMNS
                        + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .bind(0, tenantId)
                .bind(1, assignment.conversationId())
                .bind(2, assignment.agentId())
                .bind(3, assignment.departmentId())
                .bind(4, assignment.visitorId())
                .bind(5, assignment.visitorName())
                .bind(6, Json.of(Answers.toJson(assignment.answers())))
                .bind(8, assignment.assignedAt())
                .bind(9, assignment.enqueuedAt());
        insert = assignment.pageUrl() == null ? insert.bindNull(7, String.class) : insert.bind(7, assignment.pageUrl());
        return insert.then();
    }

    /** The agent answering {@code visitorId}'s conversation; empty when it is not answered or not theirs. */
    public Mono<UUID> agentAnswering(UUID tenantId, UUID conversationId, UUID visitorId) {
        return find(tenantId, conversationId)
                .filter(assignment -> assignment.visitorId().equals(visitorId))
                .map(Assignment::agentId);
    }

    Mono<Assignment> find(UUID tenantId, UUID conversationId) {
        return db.sql("select " + COLUMNS + " from assignment where tenant_id = $1 and conversation_id = $2")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .map(Assignments::assignment)
                .one();
    }

    /** Emits the assignment it removed, if there was one. */
    Mono<Assignment> remove(UUID tenantId, UUID conversationId) {
        return db.sql("delete from assignment where tenant_id = $1 and conversation_id = $2 returning " + COLUMNS)
                .bind(0, tenantId)
                .bind(1, conversationId)
                .map(Assignments::assignment)
                .one();
    }

    /**
     * The tenant's answered conversations whose agent is not among {@code agentIds} (they left
     * the tenant's snapshot), in the order their visitors began waiting.
     */
    Flux<Assignment> heldByOthersThan(UUID tenantId, Collection<UUID> agentIds) {
        return db.sql("select " + COLUMNS + " from assignment where tenant_id = $1 and not (agent_id = any($2))"
                        + " order by coalesce(enqueued_at, assigned_at), conversation_id")
                .bind(0, tenantId)
                .bind(1, agentIds.toArray(UUID[]::new))
                .map(Assignments::assignment)
                .all();
    }

    Mono<Void> handOver(UUID tenantId, UUID conversationId, UUID toAgentId, Instant at) {
        return db.sql(
                        "update assignment set agent_id = $3, assigned_at = $4 where tenant_id = $1 and conversation_id = $2")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .bind(2, toAgentId)
                .bind(3, at)
                .then();
    }

    private static Assignment assignment(Readable row) {
        return new Assignment(
                row.get("conversation_id", UUID.class),
                row.get("agent_id", UUID.class),
                row.get("department_id", UUID.class),
                row.get("visitor_id", UUID.class),
                row.get("visitor_name", String.class),
                Answers.fromJson(row.get("answers", Json.class).asString()),
                row.get("page_url", String.class),
                row.get("assigned_at", Instant.class),
                waitingSince(row));
    }

    /** Rows assigned before {@code enqueued_at} existed fall back to the assignment's time. */
    private static Instant waitingSince(Readable row) {
        Instant enqueuedAt = row.get("enqueued_at", Instant.class);
        return enqueuedAt != null ? enqueuedAt : row.get("assigned_at", Instant.class);
    }
}
