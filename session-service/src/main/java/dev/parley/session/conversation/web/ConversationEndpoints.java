package dev.parley.session.conversation.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.conversation.Conversations;
import dev.parley.session.delivery.Frames;
import dev.parley.session.message.MessageLog;
import dev.parley.session.mood.Mood;
import dev.parley.session.mood.Moods;
import dev.parley.session.receipt.Receipts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class ConversationEndpoints {

    private static final int MAX_PAGE = 500;

    private final Conversations conversations;
    private final MessageLog messages;
    private final Receipts receipts;
    private final Moods moods;

    ConversationEndpoints(Conversations conversations, MessageLog messages, Receipts receipts, Moods moods) {
        this.conversations = conversations;
        this.messages = messages;
        this.receipts = receipts;
        this.moods = moods;
    }

    record ChatRequest(
            @Nullable UUID departmentId,
            @Nullable Map<String, String> answers,
            @Nullable String pageUrl) {}

    /** A visitor asks to chat, with the pre-chat survey's answers. */
    @PostMapping("/api/session/conversations")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Conversations.Summary> request(@RequestBody ChatRequest request, ServerWebExchange exchange) {
        return Caller.of(exchange).flatMap(caller -> {
            if (caller.kind() != Caller.Kind.VISITOR) {
                return Mono.error(ApiException.forbidden("Only visitors request chats"));
            }
            return conversations.request(
                    caller,
                    request.departmentId(),
                    request.answers() == null ? Map.of() : request.answers(),
                    request.pageUrl());
        });
    }

    record ConversationList(List<Conversations.Summary> conversations) {}

    @GetMapping("/api/session/conversations")
    Mono<ConversationList> list(
            @RequestParam(name = "state", required = false) @Nullable String state, ServerWebExchange exchange) {
        return Caller.of(exchange)
                .flatMap(caller -> conversations.list(caller, "open".equals(state)))
                .map(ConversationList::new);
    }

    /** {@code mood} only for agents: left out of a visitor's answer altogether. */
    record MessagePage(
            List<Frames.Message> messages,
            long lastSeq,
            Receipts.Both receipts,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            Mood mood) {}

    /**
     * History and resume: the messages after {@code afterSeq}, and both sides' receipts so a
     * reloaded client shows the marks. A visitor never receives an agents-only message: the query
     * leaves them out, whatever any client does (and receipts never name one). Agents also get the
     * chat's mood; a visitor never does.
     */
    @GetMapping("/api/session/conversations/{id}/messages")
    Mono<MessagePage> messages(
            @PathVariable("id") UUID conversationId,
            @RequestParam(name = "afterSeq", defaultValue = "0") long afterSeq,
            @RequestParam(name = "limit", defaultValue = "500") int limit,
            ServerWebExchange exchange) {
        if (afterSeq < 0 || limit < 1 || limit > MAX_PAGE) {
            return Mono.error(ApiException.badRequest("invalid", "afterSeq >= 0 and 1 <= limit <= " + MAX_PAGE));
        }
        return Caller.of(exchange)
                .flatMap(caller -> conversations.access(caller, conversationId).flatMap(access -> {
                    boolean visitor = caller.kind() == Caller.Kind.VISITOR;
                    Mono<Optional<Mood>> mood = visitor
                            ? Mono.just(Optional.empty())
                            : moods.of(caller.tenantId(), conversationId)
                                    .map(Optional::of)
                                    .defaultIfEmpty(Optional.empty());
                    return Mono.zip(
                                    messages.after(caller.tenantId(), conversationId, afterSeq, limit, visitor)
                                            .collectList(),
                                    receipts.of(caller.tenantId(), conversationId),
                                    mood)
                            .map(page -> new MessagePage(
                                    page.getT1(),
                                    access.lastSeq(),
                                    page.getT2(),
                                    page.getT3().orElse(null)));
                }));
    }

    /** For the gateway only: may this caller follow the conversation, and as whom. */
    @GetMapping("/internal/conversations/{id}/access")
    Mono<Conversations.Access> access(@PathVariable("id") UUID conversationId, ServerWebExchange exchange) {
        return Caller.of(exchange).flatMap(caller -> conversations.access(caller, conversationId));
    }
}
