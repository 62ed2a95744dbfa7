package dev.parley.tenant.department;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.tenant.snapshot.TenantSnapshots;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Adds departments; each change publishes the tenant's snapshot in its transaction. */
@Component
public class DepartmentAdministration {

    private final TenantTransactions transactions;
    private final Departments departments;
    private final TenantSnapshots snapshots;

    public DepartmentAdministration(
            TenantTransactions transactions, Departments departments, TenantSnapshots snapshots) {
        this.transactions = transactions;
        this.departments = departments;
        this.snapshots = snapshots;
    }

    public Mono<List<Department>> list(UUID tenantId) {
        return transactions.inTenant(tenantId, () -> departments.all(tenantId).collectList());
    }

    public Mono<Department> add(UUID tenantId, String name, RoutingMode routingMode) {
        return transactions.inTenant(tenantId, () -> departments
                .insert(tenantId, Department.create(name, routingMode))
                .flatMap(department -> snapshots.publish(tenantId).thenReturn(department)));
    }
}
