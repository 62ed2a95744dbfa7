package dev.parley.tenant.snapshot;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.contracts.tenant.TenantUpdated.Agent;
import dev.parley.contracts.tenant.TenantUpdated.ChatRules;
import dev.parley.contracts.tenant.TenantUpdated.Department;
import dev.parley.contracts.tenant.TenantUpdated.FormerAgent;
import dev.parley.contracts.tenant.TenantUpdated.MoodTerm;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import dev.parley.contracts.tenant.TenantUpdated.Site;
import dev.parley.contracts.tenant.TenantUpdated.Status;
import dev.parley.platform.outbox.Outbox;
import dev.parley.tenant.Rows;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Publishes the whole tenant (sites, departments, active agents, former agents' names, mood terms, chat rules) as a {@code tenant.updated.v1} snapshot
 * through the outbox. Every change calls {@link #publish} as its last step, inside its own
 * transaction: the snapshot then commits with the change or not at all, and the gateway, session
 * and routing caches never miss one.
 *
 * <p>The snapshot reads the tables itself rather than through the features' repositories: it is a
 * read model over all of them, and the features call it, so it must not call them back.
 */
@Component
public class TenantSnapshots {

    /** The CloudEvents source of every event this service writes. */
    public static final String SOURCE = "/parley/tenant-service";

    private static final String AGGREGATE = "tenant";

    private final DatabaseClient db;
    private final Outbox outbox;

    public TenantSnapshots(DatabaseClient db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /**
     * Increments the tenant's revision and appends its snapshot to the outbox. Must run last in the
     * tenant transaction of the change: the revision update locks the tenant row, so concurrent
     * changes of one tenant take their revisions one after the other, and each snapshot, read after
     * the lock, contains every change committed before it.
     */
    public Mono<TenantUpdated> publish(UUID tenantId) {
        return nextRevision(tenantId).flatMap(header -> read(tenantId, header)).flatMap(snapshot -> outbox.append(
                        AGGREGATE,
                        EventEnvelope.of(
                                EventTypes.TENANT_UPDATED,
                                SOURCE,
                                snapshot.updatedAt(),
                                tenantId,
                                // Key = tenant: compaction keeps its latest snapshot.
                                tenantId.toString(),
                                snapshot))
                .thenReturn(snapshot));
    }

    /** One query after the other, not zipped: they share the transaction's one connection. */
    private Mono<TenantUpdated> read(UUID tenantId, Header header) {
        return sites(tenantId).flatMap(sites -> departments(tenantId)
                .flatMap(departments -> agents(tenantId).flatMap(agents -> moodTerms(tenantId)
                        .flatMap(moodTerms -> formerAgents(tenantId).flatMap(formerAgents -> rules(tenantId)
                                .map(rules -> new TenantUpdated(
                                        tenantId,
                                        header.revision(),
                                        header.name(),
                                        header.plan(),
                                        header.status(),
                                        sites,
                                        departments,
                                        agents,
                                        moodTerms,
                                        formerAgents,
                                        rules,
                                        Instant.now())))))));
    }

    private Mono<ChatRules> rules(UUID tenantId) {
        return db.sql("select max_chats_per_agent, accept_timeout_seconds, auto_close_minutes from chat_rules"
                        + " where tenant_id = $1")
                .bind(0, tenantId)
                .map(row -> new ChatRules(
                        row.get("max_chats_per_agent", Integer.class),
                        row.get("accept_timeout_seconds", Integer.class),
                        row.get("auto_close_minutes", Integer.class)))
                .one()
                .defaultIfEmpty(ChatRules.DEFAULTS);
    }

    private record Header(long revision, String name, String plan, Status status) {}

    private Mono<Header> nextRevision(UUID tenantId) {
        return db.sql("update tenant set revision = revision + 1 where id = $1 returning revision, name, plan, status")
                .bind(0, tenantId)
                .map(row -> new Header(
                        Rows.get(row, "revision", Long.class),
                        Rows.get(row, "name", String.class),
                        Rows.get(row, "plan", String.class),
                        Status.valueOf(Rows.get(row, "status", String.class))))
                .one()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no tenant " + tenantId)));
    }

    private Mono<List<Site>> sites(UUID tenantId) {
        return db.sql("select id, site_key, name, allowed_origins from site where tenant_id = $1 order by name, id")
                .bind(0, tenantId)
                .map(row -> new Site(
                        Rows.get(row, "id", UUID.class),
                        Rows.get(row, "site_key", String.class),
                        Rows.get(row, "name", String.class),
                        Rows.strings(row, "allowed_origins")))
                .all()
                .collectList();
    }

    private Mono<List<Department>> departments(UUID tenantId) {
        return db.sql("select id, name, routing_mode from department where tenant_id = $1 order by created_at, id")
                .bind(0, tenantId)
                .map(row -> new Department(
                        Rows.get(row, "id", UUID.class),
                        Rows.get(row, "name", String.class),
                        RoutingMode.valueOf(Rows.get(row, "routing_mode", String.class))))
                .all()
                .collectList();
    }

    private Mono<List<Agent>> agents(UUID tenantId) {
        return db.sql("""
                        select u.id, u.display_name, u.roles, u.max_chats,
                               array_remove(array_agg(m.department_id::text order by m.department_id), null)
                                   as department_ids
                        from app_user u
                        left join user_department m on m.tenant_id = u.tenant_id and m.user_id = u.id
                        where u.tenant_id = $1 and u.deactivated_at is null
                        group by u.tenant_id, u.id
                        order by u.created_at, u.id
                        """)
                .bind(0, tenantId)
                .map(row -> new Agent(
                        Rows.get(row, "id", UUID.class),
                        Rows.get(row, "display_name", String.class),
                        Rows.strings(row, "roles"),
                        Rows.uuids(row, "department_ids"),
                        Rows.get(row, "max_chats", Integer.class)))
                .all()
                .collectList();
    }

    /** Deactivated users and deleted ones: names only, for history that names them by id. */
    private Mono<List<FormerAgent>> formerAgents(UUID tenantId) {
        return db.sql("select id, display_name from app_user where tenant_id = $1 and deactivated_at is not null"
                        + " union all select id, display_name from former_user where tenant_id = $1 order by id")
                .bind(0, tenantId)
                .map(row ->
                        new FormerAgent(Rows.get(row, "id", UUID.class), Rows.get(row, "display_name", String.class)))
                .all()
                .collectList();
    }

    private Mono<List<MoodTerm>> moodTerms(UUID tenantId) {
        return db.sql("select term, weight from mood_term where tenant_id = $1 order by term")
                .bind(0, tenantId)
                .map(row -> new MoodTerm(Rows.get(row, "term", String.class), Rows.get(row, "weight", Short.class)))
                .all()
                .collectList();
    }
}
