package dev.parley.routing.decision;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.contracts.tenant.TenantUpdated.Agent;
import dev.parley.contracts.tenant.TenantUpdated.ChatRules;
import dev.parley.contracts.tenant.TenantUpdated.Department;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A tenant's departments and agents as this instance's {@code TenantDirectory} knows them: the
 * configuration a decision routes by. Empty for a tenant the directory has not seen (yet).
 *
 * @param revision the snapshot's revision; -1 for a tenant the directory has not seen
 * @param departments in the snapshot's order: the first is where a removed department's queue goes
 * @param agents with the tenant's ceiling on chats per agent already applied to each one's {@code maxChats}
 */
public record TenantConfig(
        UUID tenantId, long revision, Map<UUID, Department> departments, Map<UUID, Agent> agents, ChatRules rules) {

    private static final String SUPERVISOR = "supervisor";
    private static final String ADMIN = "admin";
    private static final String OWNER = "owner";

    public TenantConfig {
        // Map.copyOf would lose the snapshot's order.
        departments = Collections.unmodifiableMap(new LinkedHashMap<>(departments));
        agents = Map.copyOf(agents);
    }

    public static TenantConfig of(TenantUpdated tenant) {
        Integer ceiling = tenant.rules().maxChatsPerAgent();
        return new TenantConfig(
                tenant.tenantId(),
                tenant.revision(),
                tenant.departments().stream()
                        .collect(Collectors.toMap(
                                Department::departmentId, Function.identity(), (a, b) -> b, LinkedHashMap::new)),
                tenant.agents().stream()
                        .map(agent -> ceiling == null || agent.maxChats() <= ceiling
                                ? agent
                                : new Agent(
                                        agent.agentId(),
                                        agent.displayName(),
                                        agent.roles(),
                                        agent.departmentIds(),
                                        ceiling))
                        .collect(Collectors.toMap(Agent::agentId, Function.identity(), (a, b) -> b)),
                tenant.rules());
    }

    public static TenantConfig empty(UUID tenantId) {
        return new TenantConfig(tenantId, -1, Map.of(), Map.of(), ChatRules.DEFAULTS);
    }

    /**
     * Read from a snapshot of the tenant, not {@link #empty}: only then may a decision take a
     * missing agent or department for one that was removed.
     */
    public boolean known() {
        return revision >= 0;
    }

    /** The tenant's first department in the snapshot's order, where a removed department's chats go. */
    public Optional<UUID> firstDepartment() {
        return departments.keySet().stream().findFirst();
    }

    /** How long an offer stands: the tenant's own accept timeout, else {@code configured}. */
    public Duration acceptTimeout(Duration configured) {
        Integer seconds = rules.acceptTimeoutSeconds();
        return seconds == null ? configured : Duration.ofSeconds(seconds);
    }

    public Optional<Department> department(UUID departmentId) {
        return Optional.ofNullable(departments.get(departmentId));
    }

    public Optional<Agent> agent(UUID agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    /**
     * How the department's chats reach agents. A mode added by a newer tenant-service reads as
     * PICKUP, as the contract says; an unknown department as OFFER, though it has no agents.
     */
    public RoutingMode mode(UUID departmentId) {
        RoutingMode mode = department(departmentId).map(Department::routingMode).orElse(RoutingMode.OFFER);
        return mode == RoutingMode.UNKNOWN ? RoutingMode.PICKUP : mode;
    }

    /** Everyone who may take the department's chats. */
    public List<Agent> agentsOf(UUID departmentId) {
        return agents.values().stream()
                .filter(agent -> agent.departmentIds().contains(departmentId))
                .toList();
    }

    /** The departments whose chats the agent takes: where freed capacity or new presence may route. */
    public List<UUID> departmentsOf(UUID agentId) {
        return agent(agentId).map(Agent::departmentIds).orElse(List.of());
    }

    public String agentName(UUID agentId) {
        return agent(agentId).map(Agent::displayName).orElse("Agent");
    }

    public int maxChats(UUID agentId) {
        return agent(agentId).map(Agent::maxChats).orElse(0);
    }

    /** A supervisor, admin or owner: may transfer any chat and sees every queue. */
    public boolean supervises(UUID agentId) {
        return agent(agentId)
                .map(agent -> agent.roles().contains(SUPERVISOR)
                        || agent.roles().contains(ADMIN)
                        || agent.roles().contains(OWNER))
                .orElse(false);
    }
}
