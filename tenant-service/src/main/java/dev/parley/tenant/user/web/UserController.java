package dev.parley.tenant.user.web;

import dev.parley.platform.web.Permission;
import dev.parley.tenant.Input;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.user.NewUser;
import dev.parley.tenant.user.Roles;
import dev.parley.tenant.user.User;
import dev.parley.tenant.user.UserAdministration;
import dev.parley.tenant.user.UserAdministration.Invitation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /api/tenant/users}: any console user may list colleagues; owners and admins add, edit,
 * deactivate, reactivate and delete them (the rules are {@link UserAdministration}'s).
 */
@RestController
@RequestMapping("/api/tenant/users")
class UserController {

    static final int NAME_MAX = 100;

    /** A sanity bound: routing spreads chats by capacity, and nobody holds a hundred conversations. */
    static final int MAX_CHATS = 100;

    /** More departments than any tenant has; the bound keeps a request small. */
    static final int DEPARTMENTS_MAX = 200;

    private final UserAdministration users;

    UserController(UserAdministration users) {
        this.users = users;
    }

    /** Ids are read as strings so that a malformed one is answered with the field's name. */
    record NewUserRequest(
            @Nullable String email,
            @Nullable String displayName,
            @Nullable String password,
            @Nullable List<String> roles,
            @Nullable List<String> departmentIds,
            @Nullable Integer maxChats) {}

    record UserList(List<User> users) {}

    @GetMapping
    Mono<UserList> list(ServerWebExchange exchange) {
        return Access.member(exchange)
                .flatMap(caller -> users.list(caller.tenantId()))
                .map(UserList::new);
    }

    /** Every field optional: what is absent stays as it is. */
    record UserChanges(
            @Nullable String displayName,
            @Nullable List<String> roles,
            @Nullable List<String> departmentIds,
            @Nullable Integer maxChats) {}

    @PatchMapping("/{id}")
    Mono<User> update(@PathVariable("id") UUID id, @RequestBody UserChanges request, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_USERS)
                .flatMap(caller -> users.update(
                        caller,
                        id,
                        new UserAdministration.Changes(
                                request.displayName() == null
                                        ? null
                                        : Input.text("displayName", request.displayName(), NAME_MAX),
                                request.roles() == null ? null : Roles.parse("roles", request.roles()),
                                request.departmentIds() == null ? null : departmentIds(request.departmentIds()),
                                request.maxChats() == null ? null : maxChats(request.maxChats()))));
    }

    @PostMapping("/{id}/deactivate")
    Mono<User> deactivate(@PathVariable("id") UUID id, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_USERS).flatMap(caller -> users.deactivate(caller, id));
    }

    @PostMapping("/{id}/reactivate")
    Mono<User> reactivate(@PathVariable("id") UUID id, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_USERS).flatMap(caller -> users.reactivate(caller, id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable("id") UUID id, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_USERS).flatMap(caller -> users.delete(caller, id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<User> add(@RequestBody NewUserRequest request, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_USERS).flatMap(caller -> users.add(caller, invitation(request)));
    }

    private static Invitation invitation(NewUserRequest request) {
        return new Invitation(
                Input.email("email", request.email()),
                Input.text("displayName", request.displayName(), NAME_MAX),
                Input.password("password", request.password()),
                Roles.parse("roles", request.roles()),
                departmentIds(request.departmentIds()),
                maxChats(request.maxChats()));
    }

    static List<UUID> departmentIds(@Nullable List<String> values) {
        var ids = new LinkedHashSet<UUID>();
        for (String value : Input.list("departmentIds", values, DEPARTMENTS_MAX)) {
            try {
                ids.add(UUID.fromString(value));
            } catch (IllegalArgumentException e) {
                throw Input.invalid("departmentIds must hold department ids");
            }
        }
        return List.copyOf(ids);
    }

    static int maxChats(@Nullable Integer value) {
        if (value == null) {
            return NewUser.DEFAULT_MAX_CHATS;
        }
        if (value < 0 || value > MAX_CHATS) {
            throw Input.invalid("maxChats must be between 0 and " + MAX_CHATS);
        }
        return value;
    }
}
