package dev.parley.tenant.department.web;

import dev.parley.platform.web.Permission;
import dev.parley.tenant.Input;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.department.Department;
import dev.parley.tenant.department.DepartmentAdministration;
import dev.parley.tenant.department.RoutingMode;
import dev.parley.tenant.widget.WidgetConfigInput;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/tenant/departments}: any console user may list them; owners and admins add, change
 * and remove them. Bodies are read as JSON trees so that a wrong type is answered with the field's
 * name, as the widget configuration is.
 */
@RestController
@RequestMapping("/api/tenant/departments")
class DepartmentController {

    private static final int NAME_MAX = 100;

    private final DepartmentAdministration departments;

    DepartmentController(DepartmentAdministration departments) {
        this.departments = departments;
    }

    record DepartmentList(List<Department> departments) {}

    @GetMapping
    Mono<DepartmentList> list(ServerWebExchange exchange) {
        return Access.to(exchange, Permission.USE_CONSOLE)
                .flatMap(caller -> departments.list(caller.tenantId()))
                .map(DepartmentList::new);
    }

    /** {@code {"name", "routingMode"?, "hours"?}}: OFFER and always open unless said otherwise. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Department> add(@RequestBody JsonNode body, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS).flatMap(caller -> {
            object(body);
            return departments.add(
                    caller.tenantId(),
                    name(body),
                    routingMode(body.path("routingMode"), false),
                    WidgetConfigInput.hours(body.path("hours"), "hours"));
        });
    }

    /** {@code {"name", "routingMode", "hours"}}: the whole department (hours null: always open). */
    @PutMapping("/{departmentId}")
    Mono<Department> change(@PathVariable UUID departmentId, @RequestBody JsonNode body, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS).flatMap(caller -> {
            object(body);
            if (body.path("hours").isMissingNode()) {
                // A forgotten field must not silently make a department always open.
                throw Input.invalid("hours is required: null when always open");
            }
            return departments.change(
                    caller.tenantId(),
                    new Department(
                            departmentId,
                            name(body),
                            routingMode(body.path("routingMode"), true),
                            WidgetConfigInput.hours(body.path("hours"), "hours")));
        });
    }

    @DeleteMapping("/{departmentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@PathVariable UUID departmentId, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS)
                .flatMap(caller -> departments.remove(caller.tenantId(), departmentId));
    }

    private static void object(JsonNode body) {
        if (!body.isObject()) {
            throw Input.invalid("The body must be a JSON object with name, routingMode and hours");
        }
    }

    private static String name(JsonNode body) {
        JsonNode name = body.path("name");
        if (!name.isMissingNode() && !name.isNull() && !name.isString()) {
            throw Input.invalid("name must be a string");
        }
        return Input.text("name", name.isString() ? name.stringValue() : null, NAME_MAX);
    }

    /** OFFER when absent and not required: the mode most teams want. */
    private static RoutingMode routingMode(JsonNode node, boolean required) {
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw Input.invalid("routingMode is required: OFFER or PICKUP");
            }
            return RoutingMode.OFFER;
        }
        @Nullable String value = node.isString() ? node.stringValue() : null;
        try {
            if (value == null) {
                throw new IllegalArgumentException();
            }
            return RoutingMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Input.invalid("routingMode must be OFFER or PICKUP");
        }
    }
}
