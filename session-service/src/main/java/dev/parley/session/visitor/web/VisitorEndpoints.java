package dev.parley.session.visitor.web;

import dev.parley.platform.web.ApiException;
import dev.parley.session.visitor.Visitors;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class VisitorEndpoints {

    private final Visitors visitors;

    VisitorEndpoints(Visitors visitors) {
        this.visitors = visitors;
    }

    record Bootstrap(@Nullable String siteKey) {}

    record Issued(UUID visitorId, String token) {}

    /** The widget's first call: a visitor token for this site. */
    @PostMapping("/api/session/visitors")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Issued> register(
            @RequestBody Bootstrap request,
            @RequestHeader(name = HttpHeaders.ORIGIN, required = false) @Nullable String origin) {
        if (request.siteKey() == null || request.siteKey().isBlank()) {
            return Mono.error(ApiException.badRequest("invalid", "siteKey is required"));
        }
        return visitors.register(request.siteKey(), origin)
                .map(registered -> new Issued(registered.visitorId(), registered.token()));
    }

    record TokenCheck(@Nullable String token) {}

    /** For the gateway only (never routed from outside): who holds this visitor token. */
    @PostMapping("/internal/visitors/authenticate")
    Mono<Visitors.Authenticated> authenticate(@RequestBody TokenCheck request) {
        if (request.token() == null || request.token().isBlank()) {
            return Mono.error(ApiException.unauthorized("No visitor token"));
        }
        return visitors.authenticate(request.token())
                .switchIfEmpty(Mono.error(ApiException.unauthorized("Unknown visitor token")));
    }
}
