package dev.parley.tenant.department;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.snapshot.TenantSnapshots;
import dev.parley.tenant.widget.WidgetConfig.Hours;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Adds, changes and removes departments; each change publishes the tenant's snapshot in its transaction. */
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

    public Mono<Department> add(UUID tenantId, String name, RoutingMode routingMode, @Nullable Hours hours) {
        Department department = new Department(UUID.randomUUID(), name, routingMode, hours);
        return transactions.inTenant(tenantId, () -> departments
                .insert(tenantId, department)
                .flatMap(added -> snapshots.publish(tenantId).thenReturn(added)));
    }

    /** Renames it, changes its mode and hours; 404 when the tenant has no such department. */
    public Mono<Department> change(UUID tenantId, Department department) {
        return transactions.inTenant(tenantId, () -> departments
                .update(tenantId, department)
                .switchIfEmpty(Mono.error(DepartmentAdministration::noSuchDepartment))
                .flatMap(changed -> snapshots.publish(tenantId).thenReturn(changed)));
    }

    /**
     * Removes it; 404 when the tenant has no such department, 409 {@code last_department} for the
     * only one: a visitor's chat must always have somewhere to go.
     */
    public Mono<Void> remove(UUID tenantId, UUID departmentId) {
        return transactions.inTenant(tenantId, () -> departments
                .countLocked(tenantId)
                .flatMap(count -> departments.delete(tenantId, departmentId).flatMap(deleted -> {
                    if (!deleted) {
                        return Mono.error(noSuchDepartment());
                    }
                    if (count <= 1) {
                        // Rolls the delete back with the transaction.
                        return Mono.error(ApiException.conflict(
                                "last_department", "The only department cannot be removed: add another first"));
                    }
                    return snapshots.publish(tenantId).then();
                })));
    }

    private static ApiException noSuchDepartment() {
        return ApiException.notFound("not_found", "No such department");
    }
}
