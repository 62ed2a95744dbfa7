package dev.parley.platform.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who is calling, as the gateway established it from the caller's credential and passed on in
 * trusted headers (the gateway removes any such header a client sent). Services sit behind the
 * gateway and believe these headers; nothing else identifies a caller.
 *
 * @param kind {@link Kind#VISITOR} or {@link Kind#AGENT} (any console user: agent, supervisor, admin, owner)
 * @param name the display name, for agents; empty for visitors
 * @param features what the tenant's plan turns on (e.g. {@link #SUPERVISOR_FEATURE}), from the
 *     console user's access token; null when the plan restricts nothing that matters to the caller
 *     (visitors, and tokens issued before plans had features)
 */
public record Caller(
        UUID tenantId,
        UUID principalId,
        Kind kind,
        Set<String> roles,
        String name,
        @Nullable Set<String> features) {

    /** The plan feature that lets supervisors, admins and owners watch, join and whisper into any chat. */
    public static final String SUPERVISOR_FEATURE = "supervisor";

    public static final String TENANT = "X-Parley-Tenant";
    public static final String PRINCIPAL = "X-Parley-Principal";
    public static final String PRINCIPAL_KIND = "X-Parley-Principal-Kind";
    public static final String ROLES = "X-Parley-Roles";
    public static final String NAME = "X-Parley-Name";
    public static final String FEATURES = "X-Parley-Features";

    /** Every trusted header, for the gateway to strip from what clients send. */
    public static final List<String> HEADERS = List.of(TENANT, PRINCIPAL, PRINCIPAL_KIND, ROLES, NAME, FEATURES);

    /** A caller whose plan restricts nothing. */
    public Caller(UUID tenantId, UUID principalId, Kind kind, Set<String> roles, String name) {
        this(tenantId, principalId, kind, roles, name, null);
    }

    public Caller {
        roles = Set.copyOf(roles);
        features = features == null ? null : Set.copyOf(features);
    }

    public enum Kind {
        VISITOR,
        AGENT
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * A supervisor, admin or owner whose plan has the supervisor view: may watch and join any chat
     * of the tenant.
     */
    public boolean supervises() {
        return may(Permission.SUPERVISE);
    }

    /** Whether the {@link Permission} table lets this caller do {@code action}. */
    public boolean may(Permission action) {
        return action.allows(this);
    }

    /** Whether the caller's plan turns {@code feature} on (always, when it restricts nothing). */
    public boolean hasFeature(String feature) {
        Set<String> on = features;
        return on == null || on.contains(feature);
    }

    /** Whether {@code roles} (a caller's, or an agent's in a tenant snapshot) include a supervising one. */
    public static boolean supervises(Collection<String> roles) {
        return Permission.SUPERVISE.grantedBy(roles);
    }

    /** The caller of this request, or 401 {@code unauthorized} when the gateway named none. */
    public static Mono<Caller> of(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String tenant = headers.getFirst(TENANT);
        String principal = headers.getFirst(PRINCIPAL);
        String kind = headers.getFirst(PRINCIPAL_KIND);
        if (tenant == null || principal == null || kind == null) {
            return Mono.error(ApiException.unauthorized("Sign in first"));
        }
        try {
            String roles = headers.getFirst(ROLES);
            String name = headers.getFirst(NAME);
            String features = headers.getFirst(FEATURES);
            return Mono.just(new Caller(
                    UUID.fromString(tenant),
                    UUID.fromString(principal),
                    Kind.valueOf(kind),
                    roles == null || roles.isBlank() ? Set.of() : Set.of(roles.split(",")),
                    name == null ? "" : URLDecoder.decode(name, StandardCharsets.UTF_8),
                    features == null ? null : features.isBlank() ? Set.of() : Set.of(features.split(","))));
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.unauthorized("Unreadable caller"));
        }
    }

    /** Writes this caller into headers, as the gateway does. */
    public void writeTo(HttpHeaders headers) {
        headers.set(TENANT, tenantId.toString());
        headers.set(PRINCIPAL, principalId.toString());
        headers.set(PRINCIPAL_KIND, kind.name());
        headers.set(ROLES, String.join(",", roles));
        // Header values are ASCII on the wire; names are not.
        headers.set(NAME, URLEncoder.encode(name, StandardCharsets.UTF_8));
        Set<String> on = features;
        if (on != null) {
            headers.set(FEATURES, String.join(",", on));
        } else {
            headers.remove(FEATURES);
        }
    }
}
