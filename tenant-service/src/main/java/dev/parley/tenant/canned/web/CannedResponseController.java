package dev.parley.tenant.canned.web;

import dev.parley.platform.web.Permission;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.canned.CannedResponse;
import dev.parley.tenant.canned.CannedResponseInput;
import dev.parley.tenant.canned.CannedResponseLibrary;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /api/tenant/canned-responses}: every console user reads the shared ones and their own and
 * keeps their own; owners and admins keep the shared ones.
 */
@RestController
@RequestMapping("/api/tenant/canned-responses")
class CannedResponseController {

    private final CannedResponseLibrary library;

    CannedResponseController(CannedResponseLibrary library) {
        this.library = library;
    }

    record NewCannedResponse(
            @Nullable String shortcut,
            @Nullable String title,
            @Nullable String text,
            @Nullable Boolean shared) {}

    /** Whether a response is shared is decided when it is made; a change keeps it. */
    record CannedResponseChange(
            @Nullable String shortcut,
            @Nullable String title,
            @Nullable String text) {}

    record CannedResponseList(List<CannedResponse> cannedResponses) {}

    @GetMapping
    Mono<CannedResponseList> list(ServerWebExchange exchange) {
        return Access.member(exchange).flatMap(library::visibleTo).map(CannedResponseList::new);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CannedResponse> add(@RequestBody NewCannedResponse request, ServerWebExchange exchange) {
        boolean shared = Boolean.TRUE.equals(request.shared());
        // Who may share is asked before the input is read: a 403 is not hidden behind a 400.
        return Access.to(exchange, shared ? Permission.MANAGE_SETTINGS : Permission.USE_CONSOLE)
                .flatMap(caller -> library.add(
                        caller,
                        CannedResponseInput.parse(request.shortcut(), request.title(), request.text()),
                        shared));
    }

    @PutMapping("/{id}")
    Mono<CannedResponse> change(
            @PathVariable UUID id, @RequestBody CannedResponseChange request, ServerWebExchange exchange) {
        return Access.member(exchange)
                .flatMap(caller -> library.change(
                        caller, id, CannedResponseInput.parse(request.shortcut(), request.title(), request.text())));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@PathVariable UUID id, ServerWebExchange exchange) {
        return Access.member(exchange).flatMap(caller -> library.remove(caller, id));
    }
}
