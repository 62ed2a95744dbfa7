package dev.parley.session.offline.web;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.offline.OfflineMessages;
import java.util.List;
import java.util.Map;
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
class OfflineMessageEndpoints {

    private static final int MAX_PAGE = 200;

    private final OfflineMessages offlineMessages;

    OfflineMessageEndpoints(OfflineMessages offlineMessages) {
        this.offlineMessages = offlineMessages;
    }

    record OfflineForm(
            @Nullable String name,
            @Nullable String email,
            @Nullable String message,
            @Nullable Map<String, String> answers,
            @Nullable String pageUrl) {}

    record Created(UUID id) {}

    /** The widget's form when nobody can chat: the visitor leaves a message. */
    @PostMapping("/api/session/offline-messages")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Created> leave(@RequestBody OfflineForm form, ServerWebExchange exchange) {
        return Caller.of(exchange).flatMap(caller -> {
            if (caller.kind() != Caller.Kind.VISITOR) {
                return Mono.error(ApiException.forbidden("Only visitors leave offline messages"));
            }
            return offlineMessages
                    .leave(caller, form.name(), form.email(), form.message(), form.answers(), form.pageUrl())
                    .map(Created::new);
        });
    }

    record Inbox(List<OfflineMessages.OfflineMessage> offlineMessages) {}

    @GetMapping("/api/session/offline-messages")
    Mono<Inbox> recent(@RequestParam(name = "limit", defaultValue = "50") int limit, ServerWebExchange exchange) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(ApiException.badRequest("invalid", "1 <= limit <= " + MAX_PAGE));
        }
        return agent(exchange)
                .flatMap(agent -> offlineMessages.recent(agent, limit))
                .map(Inbox::new);
    }

    @PostMapping("/api/session/offline-messages/{id}/handled")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> handled(@PathVariable("id") UUID id, ServerWebExchange exchange) {
        return agent(exchange).flatMap(agent -> offlineMessages.handled(agent, id));
    }

    private static Mono<Caller> agent(ServerWebExchange exchange) {
        return Caller.of(exchange)
                .filter(caller -> caller.kind() == Caller.Kind.AGENT)
                .switchIfEmpty(Mono.error(ApiException.forbidden("Only agents read offline messages")));
    }
}
