package dev.parley.tenant.widget;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads and changes a site's widget configuration, and serves it to the widget by site key.
 * Not part of the tenant snapshot: the widget asks this service directly (cached by browsers
 * and CDNs), so the other services never need it.
 */
@Component
public class WidgetAdministration {

    private final TenantTransactions transactions;
    private final SiteWidgets widgets;

    public WidgetAdministration(TenantTransactions transactions, SiteWidgets widgets) {
        this.transactions = transactions;
        this.widgets = widgets;
    }

    /** 404 when the tenant has no such site: another tenant's site is not found, not forbidden. */
    public Mono<SiteWidget> find(UUID tenantId, UUID siteId) {
        return transactions
                .inTenant(tenantId, () -> widgets.find(tenantId, siteId)
                        .flatMap(widget -> withDepartments(tenantId, widget)))
                .switchIfEmpty(Mono.error(WidgetAdministration::noSuchSite));
    }

    /** Stores the configuration as the site's next revision; 404 as {@link #find}. */
    public Mono<SiteWidget> change(UUID tenantId, UUID siteId, WidgetConfig config) {
        return transactions
                .inTenant(tenantId, () -> widgets.store(tenantId, siteId, config)
                        .flatMap(widget -> withDepartments(tenantId, widget)))
                .switchIfEmpty(Mono.error(WidgetAdministration::noSuchSite));
    }

    /** The widget of the site with this public key, whichever tenant has it; empty when none has. */
    public Mono<SiteWidget> published(String siteKey) {
        return widgets.published(siteKey)
                .flatMap(published -> published.widget().choosesDepartment()
                        ? transactions.inTenant(
                                published.tenantId(), () -> withDepartments(published.tenantId(), published.widget()))
                        : Mono.just(published.widget()));
    }

    /** The departments a department survey field offers; none asked when the survey has no such field. */
    private Mono<SiteWidget> withDepartments(UUID tenantId, SiteWidget widget) {
        return widget.choosesDepartment()
                ? widgets.departments(tenantId).collectList().map(widget::withDepartments)
                : Mono.just(widget);
    }

    private static ApiException noSuchSite() {
        return ApiException.notFound("not_found", "No such site");
    }
}
