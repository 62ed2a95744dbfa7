package dev.parley.session.invitation;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.delivery.Deliveries;
import dev.parley.session.delivery.Frames;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Agents inviting visitors who browse a site to chat. The invitation is stored, then sent to the
 * visitor's channel once the transaction committed; the widget shows it on every open tab.
 */
@Component
public class Invitations {

    public static final int MAX_MESSAGE = 500;

    private final DatabaseClient db;
    private final TenantTransactions transactions;
    private final TenantDirectory directory;
    private final Deliveries deliveries;

    public Invitations(
            DatabaseClient db, TenantTransactions transactions, TenantDirectory directory, Deliveries deliveries) {
        this.db = db;
        this.transactions = transactions;
        this.directory = directory;
        this.deliveries = deliveries;
    }

    /** The agent invites a visitor of their tenant; the invitation's id. 404 for another tenant's visitor. */
    public Mono<UUID> invite(Caller agent, UUID visitorId, @Nullable String message) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > MAX_MESSAGE) {
            throw ApiException.badRequest("invalid", "message must have 1 to " + MAX_MESSAGE + " characters");
        }
        UUID id = UUID.randomUUID();
        var frame = new Frames.Invitation(id, text, new Frames.Agent(agent.principalId(), agentName(agent)));
        return transactions
                .inTenant(agent.tenantId(), () -> db.sql("insert into invitation (tenant_id, id, visitor_id, agent_id,"
                                + " message, created_at) select v.tenant_id, $2, v.id, $4, $5, $6 from visitor v"
                                + " where v.tenant_id = $1 and v.id = $3")
                        .bind(0, agent.tenantId())
                        .bind(1, id)
                        .bind(2, visitorId)
                        .bind(3, agent.principalId())
                        .bind(4, text)
                        .bind(5, Instant.now())
                        .fetch()
                        .rowsUpdated())
                .flatMap(inserted -> inserted == 0
                        ? Mono.error(ApiException.notFound("not_found", "No such visitor"))
                        : deliveries
                                .toVisitor(agent.tenantId(), visitorId, frame)
                                .thenReturn(id));
    }

    /** The name the tenant's snapshot gives the agent, else the one their sign-in carried. */
    private @Nullable String agentName(Caller agent) {
        return directory
                .agent(agent.tenantId(), agent.principalId())
                .map(TenantUpdated.Agent::displayName)
                .orElse(agent.name().isBlank() ? null : agent.name());
    }
}
