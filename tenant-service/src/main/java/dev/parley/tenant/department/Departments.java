package dev.parley.tenant.department;

import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Constraints;
import dev.parley.tenant.Rows;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code department} table, always named with the tenant on top of row-level security.
 * Runs inside the caller's tenant transaction.
 */
@Component
public class Departments {

    private final DatabaseClient db;

    public Departments(DatabaseClient db) {
        this.db = db;
    }

    public Flux<Department> all(UUID tenantId) {
        return db.sql("select id, name, routing_mode from department where tenant_id = $1 order by name, id")
                .bind(0, tenantId)
                .map(row -> new Department(
                        Rows.get(row, "id", UUID.class),
                        Rows.get(row, "name", String.class),
                        RoutingMode.valueOf(Rows.get(row, "routing_mode", String.class))))
                .all();
    }

    /** 409 {@code department_exists} when the tenant has a department of that name in any case. */
    public Mono<Department> insert(UUID tenantId, Department department) {
        return db.sql("insert into department (tenant_id, id, name, routing_mode) values ($1, $2, $3, $4)")
                .bind(0, tenantId)
                .bind(1, department.id())
                .bind(2, department.name())
                .bind(3, department.routingMode().name())
                .then()
                .onErrorMap(
                        failure -> Constraints.violated(failure, "department_name"),
                        failure -> ApiException.conflict(
                                "department_exists", "There is a department of that name already"))
                .thenReturn(department);
    }

    /** 404 {@code not_found} unless every one of {@code ids} is the tenant's department (another tenant's is as none). */
    public Mono<Void> requireAll(UUID tenantId, Collection<UUID> ids) {
        var wanted = new java.util.HashSet<>(ids);
        return existing(tenantId, wanted)
                .collectList()
                .flatMap(found -> found.size() == wanted.size()
                        ? Mono.<Void>empty()
                        : Mono.error(ApiException.notFound("not_found", "No such department")));
    }

    /** Which of {@code ids} are the tenant's departments; another tenant's are not. */
    public Flux<UUID> existing(UUID tenantId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        // Bound as text[]: r2dbc-postgresql encodes String[] everywhere, the cast makes them uuids.
        return db.sql("select id from department where tenant_id = $1 and id = any($2::uuid[])")
                .bind(0, tenantId)
                .bind(1, ids.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> Rows.get(row, "id", UUID.class))
                .all();
    }
}
