package dev.parley.gateway.socket;

import dev.parley.gateway.auth.Authenticator;
import dev.parley.gateway.auth.Principal;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Checks a socket's credential before the upgrade, so that a refused client gets a plain HTTP
 * 401 (bad credential) or 403 (visitor socket from an origin the site does not allow) and no
 * socket is ever opened for it.
 */
final class SocketAuthentication implements WebFilter {

    private final Authenticator authenticator;
    private final TenantDirectory directory;

    SocketAuthentication(Authenticator authenticator, TenantDirectory directory) {
        this.authenticator = authenticator;
        this.directory = directory;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        Mono<Principal> principal;
        if (path.equals("/ws/visitor")) {
            principal = credential(exchange, "token")
                    .flatMap(authenticator::visitor)
                    .flatMap(visitor -> originAllowed(
                            visitor, exchange.getRequest().getHeaders().getOrigin()));
        } else if (path.equals("/ws/agent")) {
            principal = credential(exchange, "access_token").flatMap(authenticator::agent);
        } else {
            return chain.filter(exchange);
        }
        return principal.flatMap(found -> {
            exchange.getAttributes().put(SocketHandler.PRINCIPAL, found);
            return chain.filter(exchange);
        });
    }

    private static Mono<String> credential(ServerWebExchange exchange, String parameter) {
        String value = exchange.getRequest().getQueryParams().getFirst(parameter);
        return value == null || value.isBlank()
                ? Mono.error(ApiException.unauthorized("No " + parameter + " given"))
                : Mono.just(value);
    }

    private Mono<Principal> originAllowed(Principal visitor, @Nullable String origin) {
        boolean allowed = origin != null
                && directory
                        .tenant(visitor.tenantId())
                        .flatMap(tenant -> tenant.sites().stream()
                                .filter(site -> site.siteId().equals(visitor.siteId()))
                                .findFirst())
                        .map(site -> site.allowedOrigins().contains(origin))
                        .orElse(false);
        return allowed
                ? Mono.just(visitor)
                : Mono.error(new ApiException(
                        HttpStatus.FORBIDDEN, "origin_not_allowed", "This website may not open this chat"));
    }
}
