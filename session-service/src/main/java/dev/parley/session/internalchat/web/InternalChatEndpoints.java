package dev.parley.session.internalchat.web;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.internalchat.InternalChats;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class InternalChatEndpoints {

    private final InternalChats chats;

    InternalChatEndpoints(InternalChats chats) {
        this.chats = chats;
    }

    /** Exactly one of the two: a direct chat with that agent, or the team chat of that department. */
    record Open(@Nullable UUID withAgentId, @Nullable UUID departmentId) {}

    record Created(UUID conversationId, String kind, String title, List<UUID> memberIds) {}

    /** 201 with the chat made, 200 with the one that existed. */
    @PostMapping("/api/session/internal-chats")
    Mono<ResponseEntity<Created>> open(@RequestBody Open request, ServerWebExchange exchange) {
        if ((request.withAgentId() == null) == (request.departmentId() == null)) {
            return Mono.error(ApiException.badRequest("invalid", "Name withAgentId or departmentId"));
        }
        UUID withAgent = request.withAgentId();
        UUID department = request.departmentId();
        return Caller.of(exchange)
                .flatMap(caller -> withAgent != null
                        ? chats.direct(caller, withAgent)
                        : chats.team(caller, java.util.Objects.requireNonNull(department)))
                .map(opened -> ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(new Created(
                                opened.chat().conversationId(),
                                opened.chat().kind(),
                                opened.chat().title(),
                                opened.chat().memberIds())));
    }

    record ChatList(List<InternalChats.Chat> internalChats) {}

    @GetMapping("/api/session/internal-chats")
    Mono<ChatList> list(ServerWebExchange exchange) {
        return Caller.of(exchange).flatMap(chats::of).map(ChatList::new);
    }
}
