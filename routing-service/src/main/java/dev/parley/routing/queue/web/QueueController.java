package dev.parley.routing.queue.web;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.routing.assignment.Assignments;
import dev.parley.routing.decision.Frames;
import dev.parley.routing.decision.TenantConfig;
import dev.parley.routing.queue.QueueEntries;
import dev.parley.routing.queue.Queues;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The queues as agents see them when their console opens (the {@code queue} frames keep them
 * current afterwards), and a waiting visitor's place. Reads only: it takes no tenant lock, so a
 * view may be a decision behind, which the next frame corrects.
 */
@RestController
@RequestMapping("/api/routing")
class QueueController {

    private final Queues queues;
    private final QueueEntries entries;
    private final Assignments assignments;
    private final TenantTransactions transactions;
    private final TenantDirectory directory;

    QueueController(
            Queues queues,
            QueueEntries entries,
            Assignments assignments,
            TenantTransactions transactions,
            TenantDirectory directory) {
        this.assignments = assignments;
        this.queues = queues;
        this.entries = entries;
        this.transactions = transactions;
        this.directory = directory;
    }

    record DepartmentQueue(UUID departmentId, List<Frames.QueueEntry> entries) {}

    record DepartmentQueues(List<DepartmentQueue> departments) {}

    /** Where a visitor's conversation stands: its place in the queue, or once answered, who answers it. */
    record Position(
            UUID conversationId,
            @Nullable UUID departmentId,
            int position,
            long estimatedWaitSeconds,
            @Nullable AgentRef agent) {}

    record AgentRef(UUID id, String name) {}

    /** An agent's departments' queues; a supervisor's, admin's or owner's: every department's. */
    @GetMapping("/queues")
    Mono<DepartmentQueues> queues(ServerWebExchange exchange) {
        return Caller.of(exchange).flatMap(caller -> {
            if (caller.kind() != Caller.Kind.AGENT) {
                return Mono.error(ApiException.forbidden("Only agents see the queues"));
            }
            TenantConfig config = config(caller.tenantId());
            List<UUID> departments = caller.supervises() || config.supervises(caller.principalId())
                    ? config.departments().values().stream()
                            .sorted(Comparator.comparing(TenantUpdated.Department::name))
                            .map(TenantUpdated.Department::departmentId)
                            .toList()
                    : config.departmentsOf(caller.principalId());
            Instant now = Instant.now();
            return transactions
                    .inTenant(caller.tenantId(), () -> Flux.fromIterable(departments)
                            .concatMap(departmentId -> queues.standings(config, departmentId, now)
                                    .map(standings -> new DepartmentQueue(
                                            departmentId,
                                            standings.stream().map(Queues::view).toList())))
                            .collectList())
                    .map(DepartmentQueues::new);
        });
    }

    /**
     * Where the caller's conversation stands: its place while it waits, the agent once it is
     * answered (a visitor who connects after the assignment was announced learns it here); 404 for
     * anyone but its visitor, and once it is neither.
     */
    @GetMapping("/conversations/{conversationId}/position")
    Mono<Position> position(@PathVariable UUID conversationId, ServerWebExchange exchange) {
        return Caller.of(exchange)
                .filter(caller -> caller.kind() == Caller.Kind.VISITOR)
                .flatMap(caller -> {
                    TenantConfig config = config(caller.tenantId());
                    Instant now = Instant.now();
                    return transactions.inTenant(
                            caller.tenantId(), () -> entries.find(caller.tenantId(), conversationId)
                                    .filter(entry -> entry.visitorId().equals(caller.principalId()))
                                    .flatMap(entry -> queues.standings(config, entry.departmentId(), now))
                                    .flatMapIterable(standings -> standings)
                                    .filter(standing ->
                                            standing.entry().conversationId().equals(conversationId))
                                    .next()
                                    .map(standing -> new Position(
                                            conversationId,
                                            standing.entry().departmentId(),
                                            standing.position(),
                                            standing.estimatedWaitSeconds(),
                                            null))
                                    .switchIfEmpty(Mono.defer(() -> assignments
                                            .agentAnswering(caller.tenantId(), conversationId, caller.principalId())
                                            .map(agentId -> new Position(
                                                    conversationId,
                                                    null,
                                                    0,
                                                    0,
                                                    new AgentRef(agentId, config.agentName(agentId)))))));
                })
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("not_found", "No such conversation waiting")));
    }

    private TenantConfig config(UUID tenantId) {
        return directory.tenant(tenantId).map(TenantConfig::of).orElseGet(() -> TenantConfig.empty(tenantId));
    }
}
