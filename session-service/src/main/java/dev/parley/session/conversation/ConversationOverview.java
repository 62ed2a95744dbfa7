package dev.parley.session.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the agent console reads about conversations beyond one chat: a supervisor's board of every
 * live chat, and a visitor's earlier chats. Reads only; the counts come from {@code last_seq}
 * (every stored message takes the next seq, without gaps), so no message is counted row by row.
 */
@Component
public class ConversationOverview {

    /** A bound on the board: more live chats than any console shows at once. */
    static final int LIVE_SHOWN = 1000;

    /** The console shows the latest few; older ones are in analytics. */
    static final int HISTORY_SHOWN = 20;

    private final DatabaseClient db;
    private final TenantTransactions transactions;

    public ConversationOverview(DatabaseClient db, TenantTransactions transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /**
     * A conversation that is not closed.
     *
     * @param visitorName the name from the pre-chat survey, else the one the widget identified
     * @param lastMessageAt when its latest message (any visibility) was stored; null before the first
     * @param messageCount messages stored, whispers and notes included
     */
    public record LiveConversation(
            UUID conversationId,
            String state,
            UUID visitorId,
            @Nullable String visitorName,
            @Nullable UUID departmentId,
            @Nullable UUID agentId,
            Instant startedAt,
            @Nullable Instant assignedAt,
            @Nullable Instant lastMessageAt,
            long messageCount,
            @Nullable String pageUrl) {}

    /**
     * One of a visitor's conversations.
     *
     * @param firstMessage the visitor's first message in it, left out when they wrote none
     */
    public record PastConversation(
            UUID conversationId,
            String state,
            Instant startedAt,
            @Nullable Instant closedAt,
            @Nullable UUID agentId,
            long messageCount,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            String firstMessage) {}

    /** The tenant's conversations that are not closed, oldest first. */
    public Mono<List<LiveConversation>> live(UUID tenantId) {
        return transactions.inTenant(tenantId, () -> db.sql("select c.id, c.state, c.visitor_id,"
                        + " coalesce(c.visitor_name, v.name) as visitor_name, c.department_id, c.agent_id,"
                        + " c.created_at, c.assigned_at, c.last_seq, c.page_url,"
                        + " (select m.posted_at from message m where m.tenant_id = c.tenant_id"
                        + " and m.conversation_id = c.id and m.seq = c.last_seq) as last_message_at"
                        + " from conversation c"
                        + " left join visitor v on v.tenant_id = c.tenant_id and v.id = c.visitor_id"
                        + " where c.tenant_id = $1 and c.state <> 'CLOSED'"
                        + " order by c.created_at, c.id limit $2")
                .bind(0, tenantId)
                .bind(1, LIVE_SHOWN)
                .map(ConversationOverview::liveConversation)
                .all()
                .collectList());
    }

    /** The visitor's latest conversations, newest first; 404 when the tenant has no such visitor. */
    public Mono<List<PastConversation>> ofVisitor(UUID tenantId, UUID visitorId) {
        return transactions.inTenant(tenantId, () -> db.sql("select id from visitor where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, visitorId)
                .map(row -> true)
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("not_found", "No such visitor")))
                .then(db.sql("select c.id, c.state, c.created_at, c.closed_at, c.agent_id, c.last_seq,"
                                + " (select m.body from message m where m.tenant_id = c.tenant_id"
                                + " and m.conversation_id = c.id and m.sender_kind = 'VISITOR'"
                                + " and m.visibility = 'ALL' order by m.seq limit 1) as first_message"
                                + " from conversation c where c.tenant_id = $1 and c.visitor_id = $2"
                                // The index conversation_visitor (tenant_id, visitor_id, created_at desc).
                                + " order by c.created_at desc, c.id desc limit $3")
                        .bind(0, tenantId)
                        .bind(1, visitorId)
                        .bind(2, HISTORY_SHOWN)
                        .map(ConversationOverview::pastConversation)
                        .all()
                        .collectList()));
    }

    private static LiveConversation liveConversation(Readable row) {
        return new LiveConversation(
                get(row, "id", UUID.class),
                get(row, "state", String.class),
                get(row, "visitor_id", UUID.class),
                row.get("visitor_name", String.class),
                row.get("department_id", UUID.class),
                row.get("agent_id", UUID.class),
                get(row, "created_at", Instant.class),
                row.get("assigned_at", Instant.class),
                row.get("last_message_at", Instant.class),
                get(row, "last_seq", Long.class),
                row.get("page_url", String.class));
    }

    private static PastConversation pastConversation(Readable row) {
        return new PastConversation(
                get(row, "id", UUID.class),
                get(row, "state", String.class),
                get(row, "created_at", Instant.class),
                row.get("closed_at", Instant.class),
                row.get("agent_id", UUID.class),
                get(row, "last_seq", Long.class),
                row.get("first_message", String.class));
    }

    private static <T> T get(Readable row, String column, Class<T> type) {
        return Objects.requireNonNull(row.get(column, type), column);
    }
}
