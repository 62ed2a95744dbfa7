package dev.parley.tenant.department;

import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Constraints;
import dev.parley.tenant.Rows;
import dev.parley.tenant.widget.WidgetConfig.Hours;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.util.Collection;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code department} table, always named with the tenant on top of row-level security.
 * Runs inside the caller's tenant transaction.
 */
@Component
public class Departments {

    private static final String COLUMNS = "id, name, routing_mode, hours";

    private final DatabaseClient db;
    private final JsonMapper json;

    public Departments(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Flux<Department> all(UUID tenantId) {
        return db.sql("select " + COLUMNS + " from department where tenant_id = $1 order by name, id")
                .bind(0, tenantId)
                .map(this::department)
                .all();
    }

    /** 409 {@code department_exists} when the tenant has a department of that name in any case. */
    public Mono<Department> insert(UUID tenantId, Department department) {
        return hours(
                        db.sql("insert into department (tenant_id, id, name, routing_mode, hours)"
                                        + " values ($1, $2, $3, $4, $5::jsonb)")
                                .bind(0, tenantId)
                                .bind(1, department.id())
                                .bind(2, department.name())
                                .bind(3, department.routingMode().name()),
                        department.hours())
                .then()
                .onErrorMap(failure -> Constraints.violated(failure, "department_name"), failure -> nameTaken())
                .thenReturn(department);
    }

    /** Replaces name, mode and hours; empty when the tenant has no such department; 409 as {@link #insert}. */
    public Mono<Department> update(UUID tenantId, Department department) {
        return hours(
                        db.sql("update department set name = $3, routing_mode = $4, hours = $5::jsonb"
                                        + " where tenant_id = $1 and id = $2 returning " + COLUMNS)
                                .bind(0, tenantId)
                                .bind(1, department.id())
                                .bind(2, department.name())
                                .bind(3, department.routingMode().name()),
                        department.hours())
                .map(this::department)
                .one()
                .onErrorMap(failure -> Constraints.violated(failure, "department_name"), failure -> nameTaken());
    }

    /**
     * Removes the department, its memberships (by cascade) and its place in pending invitations,
     * which would otherwise make a user of a department that is gone; emits whether there was one.
     */
    public Mono<Boolean> delete(UUID tenantId, UUID departmentId) {
        return db.sql("update invitation set department_ids = array_remove(department_ids, $2)"
                        + " where tenant_id = $1 and $2 = any(department_ids)")
                .bind(0, tenantId)
                .bind(1, departmentId)
                .then()
                .then(db.sql("delete from department where tenant_id = $1 and id = $2")
                        .bind(0, tenantId)
                        .bind(1, departmentId)
                        .fetch()
                        .rowsUpdated())
                .map(deleted -> deleted > 0);
    }

    /** How many departments the tenant has, taking a lock that keeps two removals from leaving none. */
    public Mono<Long> countLocked(UUID tenantId) {
        return db.sql("select id from department where tenant_id = $1 for update")
                .bind(0, tenantId)
                .map(row -> 1)
                .all()
                .count();
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

    private DatabaseClient.GenericExecuteSpec hours(
            DatabaseClient.GenericExecuteSpec statement, @Nullable Hours hours) {
        return hours == null
                ? statement.bindNull(4, Json.class)
                : statement.bind(4, Json.of(json.writeValueAsBytes(hours)));
    }

    private Department department(Readable row) {
        Json hours = row.get("hours", Json.class);
        return new Department(
                Rows.get(row, "id", UUID.class),
                Rows.get(row, "name", String.class),
                RoutingMode.valueOf(Rows.get(row, "routing_mode", String.class)),
                hours == null ? null : json.readValue(hours.asString(), Hours.class));
    }

    private static ApiException nameTaken() {
        return ApiException.conflict("department_exists", "There is a department of that name already");
    }
}
