package dev.parley.tenant.widget;

import dev.parley.tenant.Rows;
import dev.parley.tenant.widget.SiteWidget.DepartmentChoice;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code site_widget} table, read together with its site: a site without a row has the
 * default configuration at revision 0. Tenant-scoped statements name the tenant as well as relying
 * on row-level security and run inside the caller's tenant transaction; {@link #published} is the
 * one lookup without a tenant.
 */
@Component
public class SiteWidgets {

    private final DatabaseClient db;
    private final JsonMapper json;

    public SiteWidgets(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The site's widget, or empty when the tenant has no such site. */
    public Mono<SiteWidget> find(UUID tenantId, UUID siteId) {
        return db.sql("""
                        select s.site_key, t.name as tenant_name, coalesce(w.revision, 0) as revision, w.config
                        from site s
                        join tenant t on t.id = s.tenant_id
                        left join site_widget w on w.tenant_id = s.tenant_id and w.site_id = s.id
                        where s.tenant_id = $1 and s.id = $2
                        """).bind(0, tenantId).bind(1, siteId).map(this::widget).one();
    }

    /**
     * Stores {@code config} as the site's next revision (1 for its first), or empty when the tenant
     * has no such site. The upsert locks the row, so two concurrent changes take two revisions.
     */
    public Mono<SiteWidget> store(UUID tenantId, UUID siteId, WidgetConfig config) {
        return db.sql("""
                        with stored as (
                            insert into site_widget (tenant_id, site_id, revision, config)
                            select s.tenant_id, s.id, 1, $3::jsonb from site s where s.tenant_id = $1 and s.id = $2
                            on conflict (tenant_id, site_id) do update
                                set revision = site_widget.revision + 1, config = excluded.config, updated_at = now()
                            returning site_id, revision)
                        select s.site_key, stored.revision
                        from stored
                        join site s on s.tenant_id = $1 and s.id = stored.site_id
                        """)
                .bind(0, tenantId)
                .bind(1, siteId)
                .bind(2, Json.of(json.writeValueAsBytes(config)))
                .map(row -> SiteWidget.of(
                        Rows.get(row, "site_key", String.class), Rows.get(row, "revision", Long.class), config))
                .one();
    }

    /**
     * The widget of the site with {@code siteKey} in any tenant, or empty. Through the
     * {@code widget_by_site_key} function (migration V3): one lookup on the unique site key index,
     * while the app role itself still cannot read sites across tenants.
     */
    public Mono<Published> published(String siteKey) {
        return db.sql("select tenant_id, site_key, tenant_name, revision, config from widget_by_site_key($1)")
                .bind(0, siteKey)
                .map(row -> new Published(Rows.get(row, "tenant_id", UUID.class), widget(row)))
                .one();
    }

    /** A published widget with the tenant it belongs to, which the widget itself never sees. */
    public record Published(UUID tenantId, SiteWidget widget) {}

    /**
     * The tenant's departments as a department survey field offers them, oldest first (the first is
     * where a chat goes when the visitor chooses none). Read here rather than through the department
     * feature, which uses this one's hours: a read model, like the tenant snapshot.
     */
    public Flux<DepartmentChoice> departments(UUID tenantId) {
        return db.sql("select id, name, hours from department where tenant_id = $1 order by created_at, id")
                .bind(0, tenantId)
                .map(row -> {
                    Json hours = row.get("hours", Json.class);
                    return new DepartmentChoice(
                            Rows.get(row, "id", UUID.class),
                            Rows.get(row, "name", String.class),
                            hours == null ? null : json.readValue(hours.asString(), WidgetConfig.Hours.class));
                })
                .all();
    }

    private SiteWidget widget(Readable row) {
        Json stored = row.get("config", Json.class);
        WidgetConfig config = stored == null
                ? WidgetConfig.byDefault(Rows.get(row, "tenant_name", String.class))
                : json.readValue(stored.asString(), WidgetConfig.class);
        return SiteWidget.of(Rows.get(row, "site_key", String.class), Rows.get(row, "revision", Long.class), config);
    }
}
