package dev.parley.routing.assignment;

import dev.parley.platform.directory.TenantDirectory;
import dev.parley.routing.decision.TenantConfig;
import dev.parley.routing.presence.AgentStatus;
import dev.parley.routing.presence.Presence;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every agent of a tenant as a supervisor's console shows them: who they are from the tenant
 * snapshot, how available and how busy from routing's own tables, by the freshness rule
 * assignment decides with. Runs inside the caller's read-only tenant transaction, without the
 * tenant lock: it may be one decision behind.
 */
@Component
public class AgentRoster {

    private final Agents agents;
    private final Presence presence;
    private final TenantDirectory directory;

    AgentRoster(Agents agents, Presence presence, TenantDirectory directory) {
        this.agents = agents;
        this.presence = presence;
        this.directory = directory;
    }

    /**
     * @param status {@code online}, {@code away} or {@code offline}
     * @param activeChats chats assigned to them now
     * @param capacity how many they may hold at once (the tenant's {@code maxChats} for them)
     */
    public record AgentState(
            UUID agentId, String name, String status, int activeChats, int capacity, List<UUID> departmentIds) {

        public AgentState {
            departmentIds = List.copyOf(departmentIds);
        }
    }

    /** Every user of the tenant's snapshot, by name; none for a tenant this instance has not heard of. */
    public Mono<List<AgentState>> of(UUID tenantId) {
        TenantConfig config =
                directory.tenant(tenantId).map(TenantConfig::of).orElseGet(() -> TenantConfig.empty(tenantId));
        Instant now = Instant.now();
        // One after the other: both run on the transaction's one connection.
        return presence.statuses(tenantId, now)
                .flatMap(statuses -> agents.loads(tenantId).map(loads -> config.agents().values().stream()
                        .map(agent -> new AgentState(
                                agent.agentId(),
                                agent.displayName(),
                                statuses.getOrDefault(agent.agentId(), AgentStatus.OFFLINE)
                                        .name()
                                        .toLowerCase(Locale.ROOT),
                                loads.getOrDefault(agent.agentId(), AgentLoad.IDLE)
                                        .activeChats(),
                                agent.maxChats(),
                                agent.departmentIds()))
                        .sorted(Comparator.comparing(AgentState::name).thenComparing(AgentState::agentId))
                        .toList()));
    }
}
