package dev.parley.session.invitation.web;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.invitation.Invitations;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class InvitationEndpoints {

    private final Invitations invitations;

    InvitationEndpoints(Invitations invitations) {
        this.invitations = invitations;
    }

    record InvitationForm(@Nullable String message) {}

    record Accepted(UUID id) {}

    /** An agent invites a visitor on the live list to chat; the visitor's open widget gets it at once. */
    @PostMapping("/api/session/visitors/{id}/invitations")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Accepted> invite(
            @PathVariable("id") UUID visitorId, @RequestBody InvitationForm form, ServerWebExchange exchange) {
        return Caller.of(exchange)
                .filter(caller -> caller.kind() == Caller.Kind.AGENT)
                .switchIfEmpty(Mono.error(ApiException.forbidden("Only agents invite visitors")))
                .flatMap(agent -> invitations.invite(agent, visitorId, form.message()))
                .map(Accepted::new);
    }
}
