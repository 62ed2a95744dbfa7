package dev.parley.tenant.access;

import dev.parley.platform.web.Caller;
import dev.parley.platform.web.Permission;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may call the administration endpoints: every endpoint names the {@link Permission} it needs
 * (the platform's one permission matrix). The caller comes from the gateway's trusted headers
 * ({@link Caller#of}); its tenant is the only tenant a request can act for, so another tenant's
 * ids are simply not found.
 */
public final class Access {

    private Access() {}

    /** The caller, when the permission table lets them do {@code action}; else 401 or 403 {@code forbidden}. */
    public static Mono<Caller> to(ServerWebExchange exchange, Permission action) {
        return Caller.of(exchange).flatMap(action::require);
    }

    /** Any console user of a tenant (agent, supervisor, admin, owner); visitors are refused. */
    public static Mono<Caller> member(ServerWebExchange exchange) {
        return to(exchange, Permission.USE_CONSOLE);
    }

    /** Whether the caller keeps the tenant's settings (the shared canned responses, for one). */
    public static boolean managesSettings(Caller caller) {
        return caller.may(Permission.MANAGE_SETTINGS);
    }
}
