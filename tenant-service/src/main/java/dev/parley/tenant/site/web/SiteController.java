package dev.parley.tenant.site.web;

import dev.parley.platform.web.Permission;
import dev.parley.tenant.Input;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.site.Origins;
import dev.parley.tenant.site.Site;
import dev.parley.tenant.site.SiteAdministration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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

/** {@code /api/tenant/sites}: any console user may list them; owners and admins change them. */
@RestController
@RequestMapping("/api/tenant/sites")
class SiteController {

    private static final int NAME_MAX = 100;

    private final SiteAdministration sites;

    SiteController(SiteAdministration sites) {
        this.sites = sites;
    }

    record NewSite(@Nullable String name, @Nullable List<String> allowedOrigins) {}

    record OriginsChange(@Nullable List<String> allowedOrigins) {}

    record SiteList(List<Site> sites) {}

    @GetMapping
    Mono<SiteList> list(ServerWebExchange exchange) {
        return Access.member(exchange)
                .flatMap(caller -> sites.list(caller.tenantId()))
                .map(SiteList::new);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Site> add(@RequestBody NewSite request, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS)
                .flatMap(caller -> sites.add(
                        caller.tenantId(),
                        Input.text("name", request.name(), NAME_MAX),
                        Origins.parse("allowedOrigins", request.allowedOrigins())));
    }

    /** Replaces the list: the console sends the whole list it shows. */
    @PutMapping("/{siteId}/origins")
    Mono<Site> changeOrigins(
            @PathVariable UUID siteId, @RequestBody OriginsChange request, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS)
                .flatMap(caller -> sites.changeOrigins(caller.tenantId(), siteId, origins(request)));
    }

    /** Required here: a forgotten field must not silently clear every origin. */
    private static List<String> origins(OriginsChange request) {
        if (request.allowedOrigins() == null) {
            throw Input.invalid("allowedOrigins is required");
        }
        return Origins.parse("allowedOrigins", request.allowedOrigins());
    }
}
