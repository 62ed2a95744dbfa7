package dev.parley.gateway.auth;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.web.ApiException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether an agent's access token still speaks for an active user. A token is good for 15
 * minutes; a user deactivated or deleted meanwhile drops out of the tenant snapshot's agents, which
 * every gateway node holds ({@link TenantDirectory}). The token carries the revision of the
 * snapshot it was issued at ({@code rev}), so a node decides on a copy at least that new: it waits
 * (briefly) for the snapshot that made a brand-new user, instead of refusing them. A map lookup
 * when the copy is current, which it is but for the moments after a change.
 */
@Component
public class ActiveUsers {

    private static final Logger log = LoggerFactory.getLogger(ActiveUsers.class);

    /** Longer than a snapshot takes to arrive (milliseconds), short enough that a client does not give up. */
    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    private final TenantDirectory directory;

    public ActiveUsers(TenantDirectory directory) {
        this.directory = directory;
    }

    /** The code and reason both refusals (HTTP 401, socket close 4401) carry. */
    public static final String REVOKED = "access_revoked";

    public static ApiException revoked() {
        return new ApiException(
                HttpStatus.UNAUTHORIZED, REVOKED, "This user was deactivated or removed; sign in again");
    }

    /**
     * Whether the principal may act: visitors always (their tokens are checked elsewhere), agents
     * while their tenant's snapshot lists them. When this node's copy does not catch up with the
     * token in time (Kafka unreachable), the token is admitted as it was before this check.
     */
    public Mono<Boolean> isActive(Principal principal) {
        if (!principal.isAgent()) {
            return Mono.just(true);
        }
        long revision = Objects.requireNonNullElse(principal.tenantRevision(), 0L);
        return directory
                .awaitRevision(principal.tenantId(), revision, CATCH_UP)
                .map(tenant -> lists(tenant, principal))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    log.warn(
                            "Tenant {} not known at revision {} here yet; admitting user {} unchecked",
                            principal.tenantId(),
                            revision,
                            principal.id());
                    return true;
                }));
    }

    /** The principal, or 401 {@code access_revoked}. */
    public Mono<Principal> requireActive(Principal principal) {
        return isActive(principal).flatMap(active -> active ? Mono.just(principal) : Mono.error(revoked()));
    }

    /** Whether {@code tenant}'s snapshot lists the agent as one who may sign in. */
    public static boolean lists(TenantUpdated tenant, Principal principal) {
        return tenant.agents().stream().anyMatch(agent -> agent.agentId().equals(principal.id()));
    }
}
