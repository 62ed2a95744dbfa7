package dev.parley.routing.assignment.web;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.Caller;
import dev.parley.platform.web.Permission;
import dev.parley.routing.assignment.AgentRoster;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code GET /api/routing/agents}: the supervisor's view of the team, loaded when the console opens. */
@RestController
class AgentController {

    private final AgentRoster roster;
    private final TenantTransactions transactions;

    AgentController(AgentRoster roster, TenantTransactions transactions) {
        this.roster = roster;
        this.transactions = transactions;
    }

    record AgentList(List<AgentRoster.AgentState> agents) {}

    /** Supervisors, admins and owners: an agent sees their own chats and queues, not colleagues' load. */
    @GetMapping("/api/routing/agents")
    Mono<AgentList> agents(ServerWebExchange exchange) {
        return Caller.of(exchange)
                .flatMap(Permission.SUPERVISE::require)
                .flatMap(caller -> transactions.inTenant(caller.tenantId(), () -> roster.of(caller.tenantId())))
                .map(AgentList::new);
    }
}
