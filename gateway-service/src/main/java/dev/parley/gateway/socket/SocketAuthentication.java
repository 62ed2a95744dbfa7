package dev.parley.gateway.socket;

import dev.parley.gateway.auth.ActiveUsers;
import dev.parley.gateway.auth.Authenticator;
import dev.parley.gateway.auth.Principal;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * The two socket endpoints. The credential is checked before the upgrade, so a refused client
 * gets a plain HTTP 401 (bad credential) or 403 (a visitor socket from an origin the site does
 * not allow) and no socket is ever opened for it; an accepted one is upgraded with its principal.
 * An agent's valid token of a user deactivated or deleted since it was issued is upgraded and closed
 * at once with 4401 {@code access_revoked}, so that the console can tell it from a network failure.
 */
final class SocketAuthentication implements WebHandler {

    private final Authenticator authenticator;
    private final ActiveUsers activeUsers;
    private final TenantDirectory directory;
    private final WebSocketService upgrades;
    private final SocketHandler sockets;

    SocketAuthentication(
            Authenticator authenticator,
            ActiveUsers activeUsers,
            TenantDirectory directory,
            WebSocketService upgrades,
            SocketHandler sockets) {
        this.authenticator = authenticator;
        this.activeUsers = activeUsers;
        this.directory = directory;
        this.upgrades = upgrades;
        this.sockets = sockets;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        Mono<Principal> principal = path.equals("/ws/visitor")
                ? credential(exchange, "token")
                        .flatMap(authenticator::visitor)
                        .flatMap(visitor -> originAllowed(
                                visitor, exchange.getRequest().getHeaders().getOrigin()))
                : credential(exchange, "access_token").flatMap(authenticator::agent);
        return principal.flatMap(found -> activeUsers
                .isActive(found)
                .flatMap(active -> upgrades.handleRequest(
                        exchange,
                        // A still-valid token of a user deactivated or deleted since: upgraded only to
                        // say why in a close code the console reads (a refused upgrade shows as 1006).
                        session -> active ? sockets.handle(session, found) : session.close(SocketHandler.REVOKED))));
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
