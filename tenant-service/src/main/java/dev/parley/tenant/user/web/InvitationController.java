package dev.parley.tenant.user.web;

import dev.parley.platform.web.Permission;
import dev.parley.tenant.Input;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.auth.Invitations;
import dev.parley.tenant.auth.Invitations.Pending;
import dev.parley.tenant.user.Roles;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /api/tenant/invitations}: owners and admins invite colleagues by e-mail, list the pending
 * invitations and revoke them. Accepting is {@code POST /api/tenant/auth/accept-invitation}.
 */
@RestController
@RequestMapping("/api/tenant/invitations")
class InvitationController {

    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    record InvitationRequest(
            @Nullable String email,
            @Nullable String displayName,
            @Nullable List<String> roles,
            @Nullable List<String> departmentIds,
            @Nullable Integer maxChats) {}

    record PendingList(List<Pending> invitations) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Pending> invite(@RequestBody InvitationRequest request, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_USERS)
                .flatMap(caller -> invitations.invite(
                        caller,
                        new Invitations.Request(
                                Input.email("email", request.email()),
                                Input.text("displayName", request.displayName(), UserController.NAME_MAX),
                                Roles.parse("roles", request.roles()),
                                UserController.departmentIds(request.departmentIds()),
                                UserController.maxChats(request.maxChats()))));
    }

    @GetMapping
    Mono<PendingList> pending(ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_USERS)
                .flatMap(caller -> invitations.pending(caller.tenantId()))
                .map(PendingList::new);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@PathVariable("id") UUID id, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_USERS)
                .flatMap(caller -> invitations.revoke(caller.tenantId(), id));
    }
}
