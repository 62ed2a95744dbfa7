package dev.parley.tenant.widget.web;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Permission;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.widget.SiteWidget;
import dev.parley.tenant.widget.WidgetAdministration;
import dev.parley.tenant.widget.WidgetConfigInput;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/tenant/widget/{siteKey}}: public, what the widget reads on customers' pages;
 * {@code /api/tenant/sites/{siteId}/widget}: owners and admins read and replace it.
 */
@RestController
class WidgetController {

    /**
     * Browsers and CDNs keep the configuration a minute, then revalidate with the ETag: a change
     * reaches visitors within a minute, and an unchanged one costs a 304 without a body.
     */
    private static final String PUBLIC_CACHE = "public, max-age=60";

    /** Site keys are base64url; anything else is unknown without asking the database. */
    private static final Pattern SITE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** 128 bits of the body's SHA-256: two different bodies never share a tag in practice. */
    private static final int ETAG_BYTES = 16;

    private final WidgetAdministration widgets;
    private final JsonMapper json;

    WidgetController(WidgetAdministration widgets, JsonMapper json) {
        this.widgets = widgets;
        this.json = json;
    }

    /**
     * The site's configuration, tagged with a hash of the very bytes sent: any change of what the
     * widget would read (a saved revision, a new default) changes the tag. A matching
     * {@code If-None-Match} is answered 304 without a body by WebFlux's {@code checkNotModified}.
     */
    @GetMapping("/api/tenant/widget/{siteKey}")
    Mono<ResponseEntity<byte[]>> published(@PathVariable String siteKey) {
        Mono<SiteWidget> found = SITE_KEY.matcher(siteKey).matches() ? widgets.published(siteKey) : Mono.empty();
        return found.switchIfEmpty(Mono.error(() -> ApiException.notFound("not_found", "No site has this key")))
                .map(widget -> {
                    byte[] body = json.writeValueAsBytes(widget);
                    return ResponseEntity.ok()
                            .eTag(etag(body))
                            .header(HttpHeaders.CACHE_CONTROL, PUBLIC_CACHE)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(body);
                });
    }

    @GetMapping("/api/tenant/sites/{siteId}/widget")
    Mono<SiteWidget> find(@PathVariable UUID siteId, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS)
                .flatMap(caller -> widgets.find(caller.tenantId(), siteId));
    }

    /** Replaces the whole configuration (a {@code siteKey} or {@code revision} sent along is ignored). */
    @PutMapping("/api/tenant/sites/{siteId}/widget")
    Mono<SiteWidget> change(@PathVariable UUID siteId, @RequestBody JsonNode body, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS)
                .flatMap(caller -> widgets.change(caller.tenantId(), siteId, WidgetConfigInput.parse(body)));
    }

    private static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, ETAG_BYTES))
                    + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
