package dev.parley.tenant.department.web;

import dev.parley.platform.web.Permission;
import dev.parley.tenant.Input;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.department.Department;
import dev.parley.tenant.department.DepartmentAdministration;
import dev.parley.tenant.department.RoutingMode;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code /api/tenant/departments}: any console user may list them; owners and admins add them. */
@RestController
@RequestMapping("/api/tenant/departments")
class DepartmentController {

    private static final int NAME_MAX = 100;

    private final DepartmentAdministration departments;

    DepartmentController(DepartmentAdministration departments) {
        this.departments = departments;
    }

    /** The mode is read as a string so that a wrong one is answered with the field's name. */
    record NewDepartment(@Nullable String name, @Nullable String routingMode) {}

    record DepartmentList(List<Department> departments) {}

    @GetMapping
    Mono<DepartmentList> list(ServerWebExchange exchange) {
        return Access.member(exchange)
                .flatMap(caller -> departments.list(caller.tenantId()))
                .map(DepartmentList::new);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Department> add(@RequestBody NewDepartment request, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS)
                .flatMap(caller -> departments.add(
                        caller.tenantId(),
                        Input.text("name", request.name(), NAME_MAX),
                        routingMode(request.routingMode())));
    }

    /** OFFER when absent: the mode most teams want. */
    private static RoutingMode routingMode(@Nullable String value) {
        if (value == null) {
            return RoutingMode.OFFER;
        }
        try {
            return RoutingMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Input.invalid("routingMode must be OFFER or PICKUP");
        }
    }
}
