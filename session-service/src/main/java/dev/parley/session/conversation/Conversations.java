package dev.parley.session.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.ConversationAssigned;
import dev.parley.contracts.chat.ConversationClosed;
import dev.parley.contracts.chat.ConversationRequested;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.routing.ConversationQueued;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.internalchat.Membership;
import dev.parley.session.message.Rejection;
import dev.parley.session.mood.Mood;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversation state machine: REQUESTED (the visitor asked) → QUEUED (routing has it) →
 * ASSIGNED (an agent took it) → ACTIVE (the agent spoke) → CLOSED. Each change is one tenant
 * transaction that also writes the event announcing it.
 */
@Component
public class Conversations {

    private static final String SOURCE = "/parley/session-service";
    private static final int MAX_ANSWERS = 20;
    private static final int MAX_ANSWER_LENGTH = 500;

    private final DatabaseClient db;
    private final TenantTransactions transactions;
    private final Outbox outbox;
    private final TenantDirectory directory;
    private final JsonMapper json;
    private final Membership membership;

    public Conversations(
            DatabaseClient db,
            TenantTransactions transactions,
            Outbox outbox,
            TenantDirectory directory,
            JsonMapper json,
            Membership membership) {
        this.db = db;
        this.transactions = transactions;
        this.outbox = outbox;
        this.directory = directory;
        this.json = json;
        this.membership = membership;
    }

    /** A conversation in a list; {@code mood} only in an agent's list, left out of a visitor's. */
    public record Summary(
            UUID conversationId,
            String state,
            UUID visitorId,
            @Nullable String visitorName,
            @Nullable UUID departmentId,
            @Nullable UUID agentId,
            long lastSeq,
            Instant createdAt,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            Mood mood) {}

    /** How the caller may see a conversation: as its visitor, or as an agent of its tenant. */
    public record Access(UUID conversationId, String state, String audience, long lastSeq) {}

    /** A visitor asks to chat; returns the new conversation, or 409 with the open one. */
    public Mono<Summary> request(
            Caller visitor, @Nullable UUID departmentId, Map<String, String> answers, @Nullable String pageUrl) {
        TenantUpdated tenant = directory
                .tenant(visitor.tenantId())
                .orElseThrow(() -> ApiException.notFound("unknown_tenant", "This site is not set up yet"));
        if (!tenant.status().takesChats()) {
            // A trial that ended, a suspended or cancelled account: the widget offers the offline form instead.
            throw new ApiException(
                    HttpStatus.FORBIDDEN, "not_taking_chats", "This site takes no chats now; leave a message instead");
        }
        UUID department = department(tenant, departmentId);
        Map<String, String> cleaned = cleaned(answers);
        if (pageUrl != null && pageUrl.length() > 2000) {
            throw ApiException.badRequest("invalid", "pageUrl is too long");
        }
        return transactions.inTenant(visitor.tenantId(), () -> siteOfVisitor(visitor)
                .flatMap(siteId -> insertRequest(visitor, siteId, department, cleaned, pageUrl)));
    }

    private Mono<UUID> siteOfVisitor(Caller visitor) {
        return db.sql("select site_id from visitor where tenant_id = $1 and id = $2")
                .bind(0, visitor.tenantId())
                .bind(1, visitor.principalId())
                .map(row -> row.get("site_id", UUID.class))
                .one()
                .switchIfEmpty(Mono.error(ApiException.unauthorized("Unknown visitor")));
    }

    private Mono<Summary> insertRequest(
            Caller visitor, UUID siteId, UUID department, Map<String, String> answers, @Nullable String pageUrl) {
        UUID conversationId = UUID.randomUUID();
        Instant now = Instant.now();
        @Nullable String name = answers.get("name");
        var requested = new ConversationRequested(
                conversationId, visitor.principalId(), siteId, department, answers, pageUrl, now);
        var insert = db.sql("insert into conversation (tenant_id, id, site_id, visitor_id, department_id, visitor_name,"
                        + " answers, page_url, created_at, last_activity_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)"
                        + " on conflict (tenant_id, visitor_id) where state <> 'CLOSED' do nothing")
                .bind(0, visitor.tenantId())
                .bind(1, conversationId)
                .bind(2, siteId)
                .bind(3, visitor.principalId())
                .bind(4, department)
                .bind(6, Json.of(json.writeValueAsBytes(answers)))
                .bind(8, now);
        insert = name == null ? insert.bindNull(5, String.class) : insert.bind(5, name);
        insert = pageUrl == null ? insert.bindNull(7, String.class) : insert.bind(7, pageUrl);
        return insert.fetch()
                .rowsUpdated()
                .flatMap(inserted -> inserted == 1
                        ? outbox.append(
                                        "conversation",
                                        EventEnvelope.of(
                                                EventTypes.CONVERSATION_REQUESTED,
                                                SOURCE,
                                                now,
                                                visitor.tenantId(),
                                                conversationId.toString(),
                                                requested))
                                .thenReturn(new Summary(
                                        conversationId,
                                        "REQUESTED",
                                        visitor.principalId(),
                                        name,
                                        department,
                                        null,
                                        0,
                                        now,
                                        null))
                        : openOf(visitor)
                                .flatMap(open -> Mono.error(ApiException.conflict(
                                        "conversation_open",
                                        "You already have an open conversation: " + open.conversationId()))));
    }

    private static UUID department(TenantUpdated tenant, @Nullable UUID requested) {
        List<TenantUpdated.Department> departments = tenant.departments();
        if (departments.isEmpty()) {
            throw ApiException.conflict("no_department", "The site has no department to chat with");
        }
        if (requested == null) {
            return departments.getFirst().departmentId();
        }
        return departments.stream()
                .map(TenantUpdated.Department::departmentId)
                .filter(requested::equals)
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("invalid", "Unknown departmentId"));
    }

    private static Map<String, String> cleaned(Map<String, String> answers) {
        if (answers.size() > MAX_ANSWERS) {
            throw ApiException.badRequest("invalid", "At most " + MAX_ANSWERS + " answers");
        }
        Map<String, String> cleaned = new LinkedHashMap<>();
        answers.forEach((field, answer) -> {
            if (field.isBlank() || field.length() > 64 || answer == null || answer.length() > MAX_ANSWER_LENGTH) {
                throw ApiException.badRequest(
                        "invalid", "Answer '" + field + "' must be at most " + MAX_ANSWER_LENGTH + " characters");
            }
            cleaned.put(field, answer.strip());
        });
        return cleaned;
    }

    private Mono<Summary> openOf(Caller visitor) {
        return db.sql(SELECT_SUMMARY + " where tenant_id = $1 and visitor_id = $2 and state <> 'CLOSED'")
                .bind(0, visitor.tenantId())
                .bind(1, visitor.principalId())
                .map(row -> summary(row, false))
                .one();
    }

    private static final String SELECT_SUMMARY = "select id, state, visitor_id, visitor_name, department_id, agent_id,"
            + " last_seq, created_at, mood, mood_label, mood_trend from conversation";

    /** The row as a summary, with its mood when an agent asks; a visitor never sees mood. */
    private static Summary summary(io.r2dbc.spi.Readable row, boolean withMood) {
        return new Summary(
                row.get("id", UUID.class),
                row.get("state", String.class),
                row.get("visitor_id", UUID.class),
                row.get("visitor_name", String.class),
                row.get("department_id", UUID.class),
                row.get("agent_id", UUID.class),
                row.get("last_seq", Long.class),
                row.get("created_at", Instant.class),
                withMood ? Mood.of(row) : null);
    }

    /**
     * A visitor's own conversations, or the conversations with visitors of an agent's tenant;
     * newest first. Internal chats are listed by {@code GET /api/session/internal-chats} only.
     */
    public Mono<List<Summary>> list(Caller caller, boolean openOnly) {
        String where = caller.kind() == Caller.Kind.VISITOR
                ? " where tenant_id = $1 and visitor_id = $2"
                : " where tenant_id = $1 and $2::uuid is not null";
        return transactions.inTenant(caller.tenantId(), () -> db.sql(SELECT_SUMMARY
                        + where
                        + " and kind = 'VISITOR'"
                        + (openOnly ? " and state <> 'CLOSED'" : "")
                        + " order by created_at desc limit 200")
                .bind(0, caller.tenantId())
                .bind(1, caller.principalId())
                .map(row -> summary(row, caller.kind() == Caller.Kind.AGENT))
                .all()
                .collectList());
    }

    /**
     * Whether {@code caller} may follow the conversation: its own visitor, or an agent of its
     * tenant; an internal chat, its members only. Another tenant's conversation is "not found",
     * never "forbidden": nothing tells a caller that an id exists elsewhere. For a visitor an
     * internal chat does not exist at all.
     */
    public Mono<Access> access(Caller caller, UUID conversationId) {
        return transactions
                .inTenant(caller.tenantId(), () -> db.sql("select state, visitor_id, last_seq, " + Membership.COLUMNS
                                + " from conversation where tenant_id = $1 and id = $2")
                        .bind(0, caller.tenantId())
                        .bind(1, conversationId)
                        .map(row -> new Found(
                                row.get("visitor_id", UUID.class),
                                Membership.Shape.of(row),
                                new Access(
                                        conversationId,
                                        row.get("state", String.class),
                                        caller.kind() == Caller.Kind.VISITOR ? "visitor" : "agent",
                                        row.get("last_seq", Long.class))))
                        .one())
                .switchIfEmpty(Mono.error(ApiException.notFound("not_found", "No such conversation")))
                .flatMap(found -> {
                    if (caller.kind() == Caller.Kind.VISITOR) {
                        return found.shape().internal()
                                ? Mono.error(ApiException.notFound("not_found", "No such conversation"))
                                : caller.principalId().equals(found.visitorId())
                                        ? Mono.just(found.access())
                                        : Mono.error(ApiException.forbidden("Not your conversation"));
                    }
                    return !found.shape().internal()
                                    || membership.isMember(caller.tenantId(), found.shape(), caller.principalId())
                            ? Mono.just(found.access())
                            : Mono.error(ApiException.forbidden("Not a member of this chat"));
                });
    }

    private record Found(@Nullable UUID visitorId, Membership.Shape shape, Access access) {}

    /** A closed conversation, as the frame to tell its participants. */
    public record Closed(UUID conversationId, ParticipantKind closedBy) {}

    /**
     * Ends the conversation for {@code by}: its visitor, its agent, or a supervisor; the system for
     * inactivity. Emits nothing when it had already ended (a retried close).
     */
    public Mono<Closed> close(
            UUID tenantId,
            UUID conversationId,
            ParticipantKind by,
            @Nullable UUID byId,
            ConversationClosed.Reason reason) {
        return transactions.inTenant(tenantId, () -> db.sql(
                        "select state, visitor_id, agent_id, kind from conversation where tenant_id = $1 and id = $2"
                                + " for update")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .map(row -> new Object[] {
                    row.get("state", String.class),
                    row.get("visitor_id", UUID.class),
                    row.get("agent_id", UUID.class),
                    row.get("kind", String.class)
                })
                .one()
                .switchIfEmpty(Mono.error(new Rejection("not_found", "No such conversation")))
                .flatMap(row -> {
                    if ("CLOSED".equals(row[0])) {
                        return Mono.empty();
                    }
                    if (!"VISITOR".equals(row[3])) {
                        return Mono.error(new Rejection("forbidden", "Internal chats are not closed"));
                    }
                    authorizeClose(tenantId, by, byId, (UUID) row[1], (UUID) row[2]);
                    Instant now = Instant.now();
                    return db.sql("update conversation set state = 'CLOSED', closed_at = $3, closed_by = $4,"
                                    + " close_reason = $5 where tenant_id = $1 and id = $2")
                            .bind(0, tenantId)
                            .bind(1, conversationId)
                            .bind(2, now)
                            .bind(3, by.name())
                            .bind(4, reason.name())
                            .then()
                            .then(outbox.append(
                                    "conversation",
                                    EventEnvelope.of(
                                            EventTypes.CONVERSATION_CLOSED,
                                            SOURCE,
                                            now,
                                            tenantId,
                                            conversationId.toString(),
                                            new ConversationClosed(conversationId, by, byId, reason, now))))
                            .thenReturn(new Closed(conversationId, by));
                }));
    }

    private void authorizeClose(
            UUID tenantId, ParticipantKind by, @Nullable UUID byId, UUID visitorId, @Nullable UUID agentId) {
        boolean allowed =
                switch (by) {
                    case VISITOR -> visitorId.equals(byId);
                    case AGENT -> byId != null && (byId.equals(agentId) || supervises(tenantId, byId));
                    case SYSTEM -> true;
                    default -> false;
                };
        if (!allowed) {
            throw new Rejection("forbidden", "Not your conversation to close");
        }
    }

    private boolean supervises(UUID tenantId, UUID agentId) {
        return directory
                .agent(tenantId, agentId)
                .map(agent -> Caller.supervises(agent.roles()))
                .orElse(false);
    }

    /** Routing gave the conversation to an agent (first assignment or transfer); an older decision than the current one is ignored. */
    public Mono<Void> assigned(UUID tenantId, ConversationAssigned assignment) {
        return transactions.inTenant(tenantId, () -> db.sql("update conversation set agent_id = $3, department_id = $4,"
                        + " assigned_at = $5, state = case when state in ('REQUESTED', 'QUEUED') then 'ASSIGNED'"
                        + " else state end, last_activity_at = greatest(last_activity_at, $5)"
                        + " where tenant_id = $1 and id = $2 and kind = 'VISITOR' and state <> 'CLOSED'"
                        + " and (assigned_at is null or assigned_at <= $5)")
                .bind(0, tenantId)
                .bind(1, assignment.conversationId())
                .bind(2, assignment.agentId())
                .bind(3, assignment.departmentId())
                .bind(4, assignment.assignedAt())
                .then());
    }

    /**
     * Routing queued the conversation: a fresh request becomes QUEUED; an assigned one queued
     * after its assignment (a transfer to a department) loses its agent, who may no longer
     * write to the visitor until routing assigns it again.
     */
    public Mono<Void> queued(UUID tenantId, ConversationQueued queued) {
        return transactions.inTenant(tenantId, () -> db.sql("update conversation set state = 'QUEUED',"
                        + " agent_id = null, department_id = $4"
                        + " where tenant_id = $1 and id = $2 and kind = 'VISITOR' and (state = 'REQUESTED'"
                        + " or (state in ('ASSIGNED', 'ACTIVE') and assigned_at < $3))")
                .bind(0, tenantId)
                .bind(1, queued.conversationId())
                .bind(2, queued.queuedAt())
                .bind(3, queued.departmentId())
                .then());
    }
}
