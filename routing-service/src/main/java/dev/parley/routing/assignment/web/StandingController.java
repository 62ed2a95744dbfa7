package dev.parley.routing.assignment.web;

import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.routing.assignment.Assignments;
import dev.parley.routing.decision.TenantConfig;
import dev.parley.routing.queue.QueueEntries;
import dev.parley.routing.queue.Queues;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a visitor's conversation stands, asked by the gateway when the visitor's socket follows
 * it: its place while it waits, or who answers it once it is answered (an announcement made
 * before the socket was subscribed went by unseen). Reads only, without the tenant lock.
 */
@RestController
class StandingController {

    private final Queues queues;
    private final QueueEntries entries;
    private final Assignments assignments;
    private final TenantTransactions transactions;
    private final TenantDirectory directory;

    StandingController(
            Queues queues,
            QueueEntries entries,
            Assignments assignments,
            TenantTransactions transactions,
            TenantDirectory directory) {
        this.queues = queues;
        this.entries = entries;
        this.assignments = assignments;
        this.transactions = transactions;
        this.directory = directory;
    }

    /** Where a visitor's conversation stands: its place in the queue, or once answered, who answers it. */
    record Position(
            UUID conversationId,
            @Nullable UUID departmentId,
            int position,
            long estimatedWaitSeconds,
            @Nullable AgentRef agent) {}

    record AgentRef(UUID id, String name) {}

    /** 404 for anyone but the conversation's visitor, and for a conversation neither waiting nor answered. */
    @GetMapping("/api/routing/conversations/{conversationId}/position")
    Mono<Position> position(@PathVariable UUID conversationId, ServerWebExchange exchange) {
        return Caller.of(exchange)
                .filter(caller -> caller.kind() == Caller.Kind.VISITOR)
                .flatMap(caller -> {
                    TenantConfig config = directory
                            .tenant(caller.tenantId())
                            .map(TenantConfig::of)
                            .orElseGet(() -> TenantConfig.empty(caller.tenantId()));
                    return transactions.inTenant(caller.tenantId(), () -> waiting(config, caller, conversationId)
                            .switchIfEmpty(Mono.defer(() -> answered(config, caller, conversationId))));
                })
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("not_found", "No such conversation waiting")));
    }

    private Mono<Position> waiting(TenantConfig config, Caller caller, UUID conversationId) {
        return entries.find(caller.tenantId(), conversationId)
                .filter(entry -> entry.visitorId().equals(caller.principalId()))
                .flatMap(entry -> queues.standings(config, entry.departmentId(), Instant.now()))
                .flatMapIterable(standings -> standings)
                .filter(standing -> standing.entry().conversationId().equals(conversationId))
                .next()
                .map(standing -> new Position(
                        conversationId,
                        standing.entry().departmentId(),
                        standing.position(),
                        standing.estimatedWaitSeconds(),
                        null));
    }

    private Mono<Position> answered(TenantConfig config, Caller caller, UUID conversationId) {
        return assignments
                .agentAnswering(caller.tenantId(), conversationId, caller.principalId())
                .map(agentId ->
                        new Position(conversationId, null, 0, 0, new AgentRef(agentId, config.agentName(agentId))));
    }
}
