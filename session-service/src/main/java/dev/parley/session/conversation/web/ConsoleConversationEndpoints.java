package dev.parley.session.conversation.web;

import dev.parley.platform.web.Caller;
import dev.parley.platform.web.Permission;
import dev.parley.session.conversation.ConversationOverview;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What the agent console reads about conversations: the supervisor's live board, a visitor's earlier chats. */
@RestController
class ConsoleConversationEndpoints {

    private final ConversationOverview overview;

    ConsoleConversationEndpoints(ConversationOverview overview) {
        this.overview = overview;
    }

    record LiveConversations(List<ConversationOverview.LiveConversation> conversations) {}

    record PastConversations(List<ConversationOverview.PastConversation> conversations) {}

    /** Every chat of the tenant that is not closed: supervisors, admins and owners watch them all. */
    @GetMapping("/api/session/conversations/live")
    Mono<LiveConversations> live(ServerWebExchange exchange) {
        return Caller.of(exchange)
                .flatMap(Permission.SUPERVISE::require)
                .flatMap(caller -> overview.live(caller.tenantId()))
                .map(LiveConversations::new);
    }

    /** A visitor's conversations, newest first, for the console's "earlier chats". */
    @GetMapping("/api/session/visitors/{id}/conversations")
    Mono<PastConversations> ofVisitor(@PathVariable("id") UUID visitorId, ServerWebExchange exchange) {
        return Caller.of(exchange)
                .flatMap(Permission.ANSWER_CHATS::require)
                .flatMap(caller -> overview.ofVisitor(caller.tenantId(), visitorId))
                .map(PastConversations::new);
    }
}
