package dev.parley.tenant.site;

import dev.parley.tenant.Rows;
import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code site} table. Every statement names the tenant as well as relying on row-level
 * security: either alone would keep tenants apart; together a slip in one is caught by the other.
 * Runs inside the caller's tenant transaction.
 */
@Component
public class Sites {

    private final DatabaseClient db;

    public Sites(DatabaseClient db) {
        this.db = db;
    }

    public Flux<Site> all(UUID tenantId) {
        return db.sql("select id, name, site_key, allowed_origins from site where tenant_id = $1 order by name, id")
                .bind(0, tenantId)
                .map(Sites::site)
                .all();
    }

    public Mono<Site> insert(UUID tenantId, Site site) {
        return db.sql("insert into site (tenant_id, id, name, site_key, allowed_origins) values ($1, $2, $3, $4, $5)")
                .bind(0, tenantId)
                .bind(1, site.id())
                .bind(2, site.name())
                .bind(3, site.siteKey())
                .bind(4, site.allowedOrigins().toArray(String[]::new))
                .then()
                .thenReturn(site);
    }

    /** The site with its new origins, or empty when the tenant has no such site. */
    public Mono<Site> changeOrigins(UUID tenantId, UUID siteId, List<String> allowedOrigins) {
        return db.sql("update site set allowed_origins = $3 where tenant_id = $1 and id = $2"
                        + " returning id, name, site_key, allowed_origins")
                .bind(0, tenantId)
                .bind(1, siteId)
                .bind(2, allowedOrigins.toArray(String[]::new))
                .map(Sites::site)
                .one();
    }

    private static Site site(Readable row) {
        return new Site(
                Rows.get(row, "id", UUID.class),
                Rows.get(row, "name", String.class),
                Rows.get(row, "site_key", String.class),
                Rows.strings(row, "allowed_origins"));
    }
}
