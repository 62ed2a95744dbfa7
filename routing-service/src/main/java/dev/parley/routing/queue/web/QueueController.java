package dev.parley.routing.queue.web;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.routing.decision.Frames;
import dev.parley.routing.decision.TenantConfig;
import dev.parley.routing.queue.Queues;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The queues as agents see them when their console opens (the {@code queue} frames keep them
 * current afterwards). Reads only: it takes no tenant lock, so a
 * view may be a decision behind, which the next frame corrects.
 */
@RestController
@RequestMapping("/api/routing")
class QueueController {

    private final Queues queues;
    private final TenantTransactions transactions;
    private final TenantDirectory directory;

    QueueController(Queues queues, TenantTransactions transactions, TenantDirectory directory) {
        this.queues = queues;
        this.transactions = transactions;
        this.directory = directory;
    }

    record DepartmentQueue(UUID departmentId, List<Frames.QueueEntry> entries) {}

    record DepartmentQueues(List<DepartmentQueue> departments) {}

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

    private TenantConfig config(UUID tenantId) {
        return directory.tenant(tenantId).map(TenantConfig::of).orElseGet(() -> TenantConfig.empty(tenantId));
    }
}
