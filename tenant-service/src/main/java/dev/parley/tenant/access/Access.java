package dev.parley.tenant.access;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may call the administration endpoints. The caller comes from the gateway's trusted headers
 * ({@link Caller#of}); its tenant is the only tenant a request can act for, so another tenant's
 * ids are simply not found.
 */
public final class Access {

    /** The roles that configure the tenant: users, sites, departments. */
    public static final Set<String> ADMIN_ROLES = Set.of("owner", "admin");

    private Access() {}

    /** Any console user of a tenant (agent, supervisor, admin, owner); visitors are refused. */
    public static Mono<Caller> member(ServerWebExchange exchange) {
        return Caller.of(exchange)
                .flatMap(caller -> caller.kind() == Caller.Kind.AGENT
                        ? Mono.just(caller)
                        : Mono.error(ApiException.forbidden("Console users only")));
    }

    /** An owner or admin of the tenant. */
    public static Mono<Caller> admin(ServerWebExchange exchange) {
        return member(exchange)
                .flatMap(caller -> isAdmin(caller)
                        ? Mono.just(caller)
                        : Mono.error(ApiException.forbidden("Only an owner or admin may do this")));
    }

    public static boolean isAdmin(Caller caller) {
        return ADMIN_ROLES.stream().anyMatch(caller::hasRole);
    }
}
