package dev.parley.session.feedback;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The visitor's own conversation, read inside the caller's tenant transaction, with the rules of
 * the history endpoint: another tenant's id is 404 (nothing tells that it exists), another
 * visitor's conversation of the same tenant is 403.
 */
final class OwnConversation {

    private OwnConversation() {}

    /** The conversation's state; an error when it is not {@code visitor}'s. */
    static Mono<String> state(DatabaseClient db, Caller visitor, UUID conversationId) {
        return db.sql("select state, visitor_id from conversation where tenant_id = $1 and id = $2"
                        // An internal chat is nobody's as a visitor: not found, as for another tenant's.
                        + " and kind = 'VISITOR'")
                .bind(0, visitor.tenantId())
                .bind(1, conversationId)
                .map(row -> new Row(row.get("state", String.class), row.get("visitor_id", UUID.class)))
                .one()
                .switchIfEmpty(Mono.error(ApiException.notFound("not_found", "No such conversation")))
                .flatMap(found -> found.visitorId().equals(visitor.principalId())
                        ? Mono.just(found.state())
                        : Mono.error(ApiException.forbidden("Not your conversation")));
    }

    private record Row(String state, UUID visitorId) {}
}
