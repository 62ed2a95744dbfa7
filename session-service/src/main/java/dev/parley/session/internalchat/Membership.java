package dev.parley.session.internalchat;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.web.Caller;
import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who takes part in an internal chat, by the tenant's snapshot as it is now: a direct chat's two
 * agents while they are in the tenant; a team chat's department agents and the supervisors. Team
 * membership is never stored, so it follows the tenant's configuration.
 */
@Component
public class Membership {

    /** The columns of {@code conversation} that {@link Shape#of} reads. */
    public static final String COLUMNS = "kind, direct_agent_a, direct_agent_b, department_id";

    private final TenantDirectory directory;

    public Membership(TenantDirectory directory) {
        this.directory = directory;
    }

    /** What kind of conversation a row is, and what its membership is made of. */
    public record Shape(
            String kind,
            @Nullable UUID agentA,
            @Nullable UUID agentB,
            @Nullable UUID departmentId) {

        public static Shape of(Readable row) {
            return new Shape(
                    row.get("kind", String.class),
                    row.get("direct_agent_a", UUID.class),
                    row.get("direct_agent_b", UUID.class),
                    row.get("department_id", UUID.class));
        }

        /** A chat among agents, no visitor in it. */
        public boolean internal() {
            return !kind.equals("VISITOR");
        }
    }

    /** The members of an internal chat now; empty for a visitor's conversation or an unknown tenant. */
    public List<UUID> members(UUID tenantId, Shape shape) {
        TenantUpdated tenant = directory.tenant(tenantId).orElse(null);
        if (tenant == null || !shape.internal()) {
            return List.of();
        }
        return tenant.agents().stream()
                .filter(agent -> includes(shape, agent))
                .map(TenantUpdated.Agent::agentId)
                .toList();
    }

    /** Whether {@code agentId}, a console user of the tenant now, is a member of the internal chat. */
    public boolean isMember(UUID tenantId, Shape shape, UUID agentId) {
        return shape.internal()
                && directory
                        .agent(tenantId, agentId)
                        .map(agent -> includes(shape, agent))
                        .orElse(false);
    }

    private static boolean includes(Shape shape, TenantUpdated.Agent agent) {
        return switch (shape.kind()) {
            case "DIRECT" -> Stream.of(shape.agentA(), shape.agentB()).anyMatch(agent.agentId()::equals);
            case "TEAM" ->
                Caller.supervises(agent.roles())
                        || (shape.departmentId() != null
                                && agent.departmentIds().contains(shape.departmentId()));
            default -> false;
        };
    }
}
