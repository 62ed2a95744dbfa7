package dev.parley.gateway.auth;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * On every routed request: removes whatever identity headers the client sent, checks the
 * credential it carries, and passes the caller on in the trusted headers the services believe.
 * Requests without a credential pass through anonymous (sign-up, login, widget bootstrap); the
 * services refuse what needs a caller.
 */
@Component
class TrustedHeadersFilter implements GlobalFilter, Ordered {

    private final Authenticator authenticator;
    private final ActiveUsers activeUsers;

    TrustedHeadersFilter(Authenticator authenticator, ActiveUsers activeUsers) {
        this.authenticator = authenticator;
        this.activeUsers = activeUsers;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return principal(authorization)
                .map(principal -> forward(exchange, principal))
                .defaultIfEmpty(forward(exchange, null))
                .flatMap(chain::filter);
    }

    private Mono<Principal> principal(@Nullable String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Mono.empty();
        }
        if (authorization.startsWith("Bearer ")) {
            return authenticator
                    .agent(authorization.substring("Bearer ".length()).strip())
                    .flatMap(activeUsers::requireActive);
        }
        if (authorization.startsWith("Visitor ")) {
            return authenticator.visitor(
                    authorization.substring("Visitor ".length()).strip());
        }
        return Mono.error(ApiException.unauthorized("Unsupported Authorization scheme"));
    }

    private static ServerWebExchange forward(ServerWebExchange exchange, @Nullable Principal principal) {
        return exchange.mutate()
                .request(request -> request.headers(headers -> {
                    Caller.HEADERS.forEach(headers::remove);
                    // The services never need the raw credential; it stays at the edge.
                    headers.remove(HttpHeaders.AUTHORIZATION);
                    if (principal != null) {
                        principal.caller().writeTo(headers);
                    }
                }))
                .build();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
