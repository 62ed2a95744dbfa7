package dev.parley.session.participant.web;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.participant.Participants;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class ParticipantEndpoints {

    private final Participants participants;

    ParticipantEndpoints(Participants participants) {
        this.participants = participants;
    }

    record InviteForm(@Nullable UUID agentId) {}

    record Invited(UUID conversationId, UUID agentId) {}

    /** The assigned agent or a supervisor invites another agent of the tenant into the visitor's chat. */
    @PostMapping("/api/session/conversations/{id}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Invited> invite(
            @PathVariable("id") UUID conversationId, @RequestBody InviteForm form, ServerWebExchange exchange) {
        UUID agentId = form.agentId();
        if (agentId == null) {
            return Mono.error(ApiException.badRequest("invalid", "agentId is required"));
        }
        return agent(exchange)
                .flatMap(caller -> participants.invite(caller, conversationId, agentId))
                .map(invited -> new Invited(conversationId, invited));
    }

    record Joined(
            UUID conversationId, UUID agentId, @Nullable String name, Instant joinedAt) {}

    /** An invited agent, or a supervisor, joins the chat: from now on they may write to the visitor. */
    @PostMapping("/api/session/conversations/{id}/join")
    Mono<Joined> join(@PathVariable("id") UUID conversationId, ServerWebExchange exchange) {
        return agent(exchange)
                .flatMap(caller -> participants.join(caller, conversationId))
                .map(joined -> new Joined(conversationId, joined.agentId(), joined.name(), joined.joinedAt()));
    }

    record ParticipantList(List<Participants.Participant> participants) {}

    @GetMapping("/api/session/conversations/{id}/participants")
    Mono<ParticipantList> list(@PathVariable("id") UUID conversationId, ServerWebExchange exchange) {
        return agent(exchange)
                .flatMap(caller -> participants.of(caller, conversationId))
                .map(ParticipantList::new);
    }

    private static Mono<Caller> agent(ServerWebExchange exchange) {
        return Caller.of(exchange)
                .filter(caller -> caller.kind() == Caller.Kind.AGENT)
                .switchIfEmpty(Mono.error(ApiException.forbidden("Only agents take part in chats")));
    }
}
