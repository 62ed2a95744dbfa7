package dev.parley.routing;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.contracts.tenant.TenantUpdated.Agent;
import dev.parley.contracts.tenant.TenantUpdated.Department;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import dev.parley.contracts.tenant.TenantUpdated.Site;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A tenant of one test: its departments and agents, published as tenant-service would. */
final class TestTenant {

    final UUID id = UUID.randomUUID();
    final UUID siteId = UUID.randomUUID();
    final String siteKey = "site-" + id;
    private final List<Department> departments = new ArrayList<>();
    private final List<Agent> agents = new ArrayList<>();
    private final List<TenantUpdated.FormerAgent> formerAgents = new ArrayList<>();
    /** Raise it with every change published again, as tenant-service does. */
    long revision = 1;

    TenantUpdated.ChatRules rules = TenantUpdated.ChatRules.DEFAULTS;

    UUID department(String name, RoutingMode mode) {
        UUID id = UUID.randomUUID();
        departments.add(new Department(id, name, mode));
        return id;
    }

    UUID agent(String name, int maxChats, UUID... departmentIds) {
        return user(name, List.of("agent"), maxChats, departmentIds);
    }

    UUID supervisor(String name, UUID... departmentIds) {
        return user(name, List.of("agent", "supervisor"), 3, departmentIds);
    }

    private UUID user(String name, List<String> roles, int maxChats, UUID... departmentIds) {
        UUID id = UUID.randomUUID();
        agents.add(new Agent(id, name, roles, Arrays.asList(departmentIds), maxChats));
        return id;
    }

    /** The user is deactivated or deleted: no longer among the agents, named among the former ones. */
    void removeAgent(UUID agentId) {
        Agent removed = agents.stream()
                .filter(agent -> agent.agentId().equals(agentId))
                .findFirst()
                .orElseThrow();
        agents.remove(removed);
        formerAgents.add(new TenantUpdated.FormerAgent(agentId, removed.displayName()));
    }

    /** The department is removed, with its memberships, as tenant-service removes it. */
    void removeDepartment(UUID departmentId) {
        departments.removeIf(department -> department.departmentId().equals(departmentId));
        agents.replaceAll(agent -> new Agent(
                agent.agentId(),
                agent.displayName(),
                agent.roles(),
                agent.departmentIds().stream()
                        .filter(id -> !id.equals(departmentId))
                        .toList(),
                agent.maxChats()));
    }

    TenantUpdated snapshot() {
        return new TenantUpdated(
                id,
                revision,
                "Test shop " + id,
                "team",
                TenantUpdated.Status.ACTIVE,
                List.of(new Site(siteId, siteKey, "Shop", List.of("https://shop.example"))),
                departments,
                agents,
                List.of(),
                formerAgents,
                rules,
                Instant.now());
    }
}
