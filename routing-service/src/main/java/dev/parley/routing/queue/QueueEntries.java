package dev.parley.routing.queue;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The queue entries of every department; each lookup names its tenant. */
@Component
public final class QueueEntries {

    private static final String COLUMNS = "conversation_id, department_id, visitor_id, visitor_name, answers, page_url,"
            + " enqueued_at, priority, declined_by, previous_agent_id, notified_position";

    /** Service order: priority first, then who waited longest; the id only breaks exact ties. */
    private static final String ORDER = " order by priority desc, enqueued_at, conversation_id";

    private final DatabaseClient db;

    public QueueEntries(DatabaseClient db) {
        this.db = db;
    }

    /** Emits false when the conversation is queued already (a repeated request). */
    public Mono<Boolean> enqueue(UUID tenantId, QueueEntry entry) {
        GenericExecuteSpec insert = db.sql("insert into queue_entry (tenant_id, " + COLUMNS + ")"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, null)"
                        + " on conflict (tenant_id, conversation_id) do nothing")
                .bind(0, tenantId)
                .bind(1, entry.conversationId())
                .bind(2, entry.departmentId())
                .bind(3, entry.visitorId())
                .bind(4, entry.visitorName())
                .bind(5, Json.of(Answers.toJson(entry.answers())))
                .bind(7, entry.enqueuedAt())
                .bind(8, entry.priority())
                .bind(9, entry.declinedBy().toArray(UUID[]::new));
        insert = entry.pageUrl() == null ? insert.bindNull(6, String.class) : insert.bind(6, entry.pageUrl());
        insert = entry.previousAgentId() == null
                ? insert.bindNull(10, UUID.class)
                : insert.bind(10, entry.previousAgentId());
        return insert.fetch().rowsUpdated().map(inserted -> inserted == 1);
    }

    public Mono<QueueEntry> find(UUID tenantId, UUID conversationId) {
        return db.sql("select " + COLUMNS + " from queue_entry where tenant_id = $1 and conversation_id = $2")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .map(QueueEntries::entry)
                .one();
    }

    /** The department's queue in service order. */
    public Flux<QueueEntry> inDepartment(UUID tenantId, UUID departmentId) {
        return db.sql("select " + COLUMNS + " from queue_entry where tenant_id = $1 and department_id = $2" + ORDER)
                .bind(0, tenantId)
                .bind(1, departmentId)
                .map(QueueEntries::entry)
                .all();
    }

    /** The department's entries that no agent has on offer, in service order: what OFFER mode offers next. */
    public Flux<QueueEntry> notOffered(UUID tenantId, UUID departmentId) {
        return db.sql("select " + COLUMNS + " from queue_entry q where q.tenant_id = $1 and q.department_id = $2"
                        + " and not exists (select 1 from offer o"
                        + " where o.tenant_id = q.tenant_id and o.conversation_id = q.conversation_id)"
                        + ORDER)
                .bind(0, tenantId)
                .bind(1, departmentId)
                .map(QueueEntries::entry)
                .all();
    }

    /**
     * The tenant's entries in departments other than {@code departmentIds} (removed from its
     * snapshot), each department's in service order.
     */
    public Flux<QueueEntry> outside(UUID tenantId, Collection<UUID> departmentIds) {
        return db.sql("select " + COLUMNS + " from queue_entry where tenant_id = $1 and not (department_id = any($2))"
                        + " order by department_id, priority desc, enqueued_at, conversation_id")
                .bind(0, tenantId)
                .bind(1, departmentIds.toArray(UUID[]::new))
                .map(QueueEntries::entry)
                .all();
    }

    /**
     * Moves the entry to another department's queue, keeping its time and priority; its visitor
     * is told their new position (none told yet there).
     */
    public Mono<Void> moveTo(UUID tenantId, UUID conversationId, UUID departmentId) {
        return db.sql("update queue_entry set department_id = $3, notified_position = null"
                        + " where tenant_id = $1 and conversation_id = $2")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .bind(2, departmentId)
                .then();
    }

    public Mono<Void> remove(UUID tenantId, UUID conversationId) {
        return db.sql("delete from queue_entry where tenant_id = $1 and conversation_id = $2")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .then();
    }

    /** The agent declined it or let the offer expire. */
    public Mono<Void> declinedBy(UUID tenantId, UUID conversationId, UUID agentId) {
        return db.sql("update queue_entry set declined_by = array_append(declined_by, $3)"
                        + " where tenant_id = $1 and conversation_id = $2 and not ($3 = any(declined_by))")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .bind(2, agentId)
                .then();
    }

    /** Remembers the positions the visitors were just told. */
    public Mono<Void> notified(UUID tenantId, Map<UUID, Integer> positions) {
        if (positions.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("update queue_entry q set notified_position = told.position"
                        + " from unnest($2::uuid[], $3::integer[]) as told(conversation_id, position)"
                        + " where q.tenant_id = $1 and q.conversation_id = told.conversation_id")
                .bind(0, tenantId)
                .bind(1, positions.keySet().toArray(UUID[]::new))
                .bind(2, positions.keySet().stream().map(positions::get).toArray(Integer[]::new))
                .then();
    }

    private static QueueEntry entry(Readable row) {
        UUID[] declined = row.get("declined_by", UUID[].class);
        return new QueueEntry(
                row.get("conversation_id", UUID.class),
                row.get("department_id", UUID.class),
                row.get("visitor_id", UUID.class),
                row.get("visitor_name", String.class),
                Answers.fromJson(row.get("answers", Json.class).asString()),
                row.get("page_url", String.class),
                row.get("enqueued_at", Instant.class),
                row.get("priority", Integer.class),
                declined == null ? Set.of() : Set.of(declined),
                row.get("previous_agent_id", UUID.class),
                row.get("notified_position", Integer.class));
    }
}
