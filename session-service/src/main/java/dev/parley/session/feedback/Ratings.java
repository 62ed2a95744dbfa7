package dev.parley.session.feedback;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** How visitors rated their chats: once per conversation, after it ended. */
@Component
public class Ratings {

    public static final int MAX_COMMENT = 1000;

    private final DatabaseClient db;
    private final TenantTransactions transactions;

    public Ratings(DatabaseClient db, TenantTransactions transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    public record Rating(int score, @Nullable String comment, Instant ratedAt) {}

    /** A conversation as agents see its rating: {@code rating} is null until the visitor gave one. */
    public record Rated(UUID conversationId, @Nullable Rating rating) {}

    /**
     * The visitor rates their own closed conversation: 409 {@code conversation_open} before it
     * closed, 409 {@code already_rated} the second time.
     */
    public Mono<Void> rate(Caller visitor, UUID conversationId, int score, @Nullable String comment) {
        if (score < 1 || score > 5) {
            throw ApiException.badRequest("invalid", "score must be a whole number from 1 to 5");
        }
        @Nullable String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > MAX_COMMENT) {
            throw ApiException.badRequest("invalid", "comment must be at most " + MAX_COMMENT + " characters");
        }
        return transactions.inTenant(visitor.tenantId(), () -> OwnConversation.state(db, visitor, conversationId)
                .flatMap(state -> {
                    if (!"CLOSED".equals(state)) {
                        return Mono.error(
                                ApiException.conflict("conversation_open", "A chat is rated once it has ended"));
                    }
                    GenericExecuteSpec insert = db.sql("insert into conversation_rating (tenant_id, conversation_id,"
                                    + " score, comment, rated_at) values ($1, $2, $3, $4, $5)"
                                    + " on conflict (tenant_id, conversation_id) do nothing")
                            .bind(0, visitor.tenantId())
                            .bind(1, conversationId)
                            .bind(2, (short) score)
                            .bind(4, Instant.now());
                    insert = text == null ? insert.bindNull(3, String.class) : insert.bind(3, text);
                    return insert.fetch()
                            .rowsUpdated()
                            .flatMap(inserted -> inserted == 0
                                    ? Mono.error(
                                            ApiException.conflict("already_rated", "This chat has been rated already"))
                                    : Mono.empty());
                }));
    }

    /** The conversation's rating for an agent of its tenant; 404 for another tenant's id. */
    public Mono<Rated> of(Caller agent, UUID conversationId) {
        return transactions.inTenant(agent.tenantId(), () -> db.sql("select r.score, r.comment, r.rated_at"
                        + " from conversation c left join conversation_rating r"
                        + " on r.tenant_id = c.tenant_id and r.conversation_id = c.id"
                        + " where c.tenant_id = $1 and c.id = $2 and c.kind = 'VISITOR'")
                .bind(0, agent.tenantId())
                .bind(1, conversationId)
                .map(row -> {
                    Short score = row.get("score", Short.class);
                    Instant ratedAt = row.get("rated_at", Instant.class);
                    return new Rated(
                            conversationId,
                            score == null || ratedAt == null
                                    ? null
                                    : new Rating(score, row.get("comment", String.class), ratedAt));
                })
                .one()
                .switchIfEmpty(Mono.error(ApiException.notFound("not_found", "No such conversation"))));
    }
}
