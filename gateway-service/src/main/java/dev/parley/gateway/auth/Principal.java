package dev.parley.gateway.auth;

import dev.parley.platform.web.Caller;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who holds a connection or made a request, established from their credential.
 *
 * @param siteId the site a visitor came through; null for agents
 * @param departmentIds the queues an agent serves; empty for visitors
 * @param features the tenant's plan's features from an agent's token; null for visitors and for
 *     tokens without the claim
 * @param tenantRevision the tenant's snapshot revision an agent's token was issued at ({@code rev});
 *     null for visitors and tokens without the claim
 */
public record Principal(
        Caller.Kind kind,
        UUID tenantId,
        UUID id,
        String name,
        Set<String> roles,
        List<UUID> departmentIds,
        @Nullable UUID siteId,
        @Nullable Set<String> features,
        @Nullable Long tenantRevision) {

    public Caller caller() {
        return new Caller(tenantId, id, kind, roles, name, features);
    }

    public boolean isAgent() {
        return kind == Caller.Kind.AGENT;
    }
}
