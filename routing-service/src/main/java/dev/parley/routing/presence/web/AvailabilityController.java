package dev.parley.routing.presence.web;

import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.routing.presence.Presence;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/routing/availability/{siteKey}}: public, asked by the widget on customers' pages
 * before it offers a chat or its offline form. The tenant comes from the site key through the
 * {@link TenantDirectory} (a map read); then one read of the tenant's fresh connections, with the
 * same freshness rule routing decides with. No tenant lock: the answer may be a heartbeat behind.
 * A tenant that takes no chats (its trial ended) is unavailable whoever is online.
 */
@RestController
class AvailabilityController {

    private final Presence presence;
    private final TenantTransactions transactions;
    private final TenantDirectory directory;

    AvailabilityController(Presence presence, TenantTransactions transactions, TenantDirectory directory) {
        this.presence = presence;
        this.transactions = transactions;
        this.directory = directory;
    }

    /**
     * @param agentsOnline agents of the site's tenant with a live connection whose status is ONLINE
     */
    record Availability(boolean available, int agentsOnline) {}

    /** Never cached: an agent going online or offline must show on the next ask. */
    @GetMapping("/api/routing/availability/{siteKey}")
    Mono<ResponseEntity<Availability>> availability(@PathVariable String siteKey) {
        return Mono.justOrEmpty(directory.siteByKey(siteKey))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("not_found", "No site has this key")))
                .flatMap(found -> {
                    if (!found.tenant().status().takesChats()) {
                        // The trial ended (or the account is closed): the widget offers its offline form.
                        return Mono.just(Set.<UUID>of());
                    }
                    UUID tenantId = found.tenant().tenantId();
                    return transactions.inTenant(tenantId, () -> presence.online(tenantId, Instant.now()));
                })
                .map(online -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(new Availability(!online.isEmpty(), online.size())));
    }
}
