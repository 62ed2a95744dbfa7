package dev.parley.tenant.site;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.snapshot.TenantSnapshots;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Adds and configures a tenant's sites; each change publishes the tenant's snapshot in its transaction. */
@Component
public class SiteAdministration {

    private final TenantTransactions transactions;
    private final Sites sites;
    private final TenantSnapshots snapshots;

    public SiteAdministration(TenantTransactions transactions, Sites sites, TenantSnapshots snapshots) {
        this.transactions = transactions;
        this.sites = sites;
        this.snapshots = snapshots;
    }

    public Mono<List<Site>> list(UUID tenantId) {
        return transactions.inTenant(tenantId, () -> sites.all(tenantId).collectList());
    }

    public Mono<Site> add(UUID tenantId, String name, List<String> allowedOrigins) {
        return transactions.inTenant(tenantId, () -> sites.insert(tenantId, Site.create(name, allowedOrigins))
                .flatMap(site -> snapshots.publish(tenantId).thenReturn(site)));
    }

    /** 404 when the tenant has no such site: another tenant's site is not found, not forbidden. */
    public Mono<Site> changeOrigins(UUID tenantId, UUID siteId, List<String> allowedOrigins) {
        return transactions.inTenant(tenantId, () -> sites.changeOrigins(tenantId, siteId, allowedOrigins)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("not_found", "No such site")))
                .flatMap(site -> snapshots.publish(tenantId).thenReturn(site)));
    }
}
