package dev.parley.session.visitor;

import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Visitors of customers' websites. A visitor gets a random token when the widget starts; only
 * its SHA-256 is stored, so the table cannot be used to impersonate anyone. A token is scoped to
 * one tenant, site and visitor.
 */
@Component
public class Visitors {

    private static final SecureRandom random = new SecureRandom();

    private final DatabaseClient db;
    private final TenantTransactions transactions;
    private final TenantDirectory directory;

    public Visitors(DatabaseClient db, TenantTransactions transactions, TenantDirectory directory) {
        this.db = db;
        this.transactions = transactions;
        this.directory = directory;
    }

    public record Registered(UUID tenantId, UUID visitorId, UUID siteId, String token) {}

    public record Authenticated(UUID tenantId, UUID visitorId, UUID siteId) {}

    /**
     * A new visitor of the site with {@code siteKey}, the widget running on a page of {@code origin}.
     * The origin must be one the site allows: a site key is public, the origin check is what keeps
     * other websites from chatting in its name.
     */
    public Mono<Registered> register(String siteKey, @Nullable String origin) {
        var found = directory
                .siteByKey(siteKey)
                .orElseThrow(() -> ApiException.notFound("unknown_site", "No site has this key"));
        if (origin == null || !found.site().allowedOrigins().contains(origin)) {
            return Mono.error(new ApiException(
                    org.springframework.http.HttpStatus.FORBIDDEN,
                    "origin_not_allowed",
                    "This website is not allowed to use this site's chat"));
        }
        UUID tenantId = found.tenant().tenantId();
        UUID visitorId = UUID.randomUUID();
        String token = newToken();
        return transactions
                .inTenant(tenantId, () -> db.sql(
                                "insert into visitor (tenant_id, id, site_id, token_hash) values ($1, $2, $3, $4)")
                        .bind(0, tenantId)
                        .bind(1, visitorId)
                        .bind(2, found.site().siteId())
                        .bind(3, hash(token))
                        .then())
                .thenReturn(new Registered(tenantId, visitorId, found.site().siteId(), token));
    }

    /** Who holds {@code token}, or empty. */
    public Mono<Authenticated> authenticate(String token) {
        return db.sql("select tenant_id, visitor_id, site_id from visitor_by_token($1)")
                .bind(0, hash(token))
                .map(row -> new Authenticated(
                        row.get("tenant_id", UUID.class),
                        row.get("visitor_id", UUID.class),
                        row.get("site_id", UUID.class)))
                .one();
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
