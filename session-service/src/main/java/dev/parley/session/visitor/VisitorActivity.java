package dev.parley.session.visitor;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What visitors do on a site before (and while) they chat: the pages they view and who they say
 * they are. Each page view is kept, and the visitor row holds the summary the agents' live list
 * reads, so that the list is one indexed query however long visitors browse.
 */
@Component
public class VisitorActivity {

    public static final int MAX_URL = 2048;
    public static final int MAX_TITLE = 300;
    static final int PAGE_VIEWS_SHOWN = 100;
    // A cap on the live list: a console cannot show more at once, and the query stays bounded.
    static final int LIVE_SHOWN = 500;

    // The page the widget runs on: only web pages, never javascript:, data: or file: URLs.
    private static final Pattern WEB_URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);

    private final DatabaseClient db;
    private final TenantTransactions transactions;
    private final VisitorProperties properties;

    public VisitorActivity(DatabaseClient db, TenantTransactions transactions, VisitorProperties properties) {
        this.db = db;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** A visitor on the agents' live list. */
    public record LiveVisitor(
            UUID visitorId,
            @Nullable String name,
            @Nullable String email,
            @Nullable String currentUrl,
            @Nullable String currentTitle,
            @Nullable String referrer,
            @Nullable Instant firstSeenAt,
            @Nullable Instant lastSeenAt,
            int pageViews,
            boolean chatting) {}

    public record PageView(
            UUID id,
            String url,
            @Nullable String title,
            @Nullable String referrer,
            Instant viewedAt) {}

    /** The visitor opened a page: kept, and it becomes their current page. */
    public Mono<Void> pageViewed(
            Caller visitor, @Nullable String url, @Nullable String title, @Nullable String referrer) {
        if (url == null || url.length() > MAX_URL || !WEB_URL.matcher(url).matches()) {
            throw ApiException.badRequest(
                    "invalid", "url must be an http(s) URL of at most " + MAX_URL + " characters");
        }
        @Nullable String cleanTitle = optional(title, MAX_TITLE, "title");
        @Nullable String cleanReferrer = optional(referrer, MAX_URL, "referrer");
        Instant now = Instant.now();
        return transactions.inTenant(visitor.tenantId(), () -> {
            GenericExecuteSpec summary = db.sql("update visitor set first_seen_at = coalesce(first_seen_at, $3),"
                            + " last_seen_at = $3, current_url = $4, current_title = $5,"
                            + " referrer = coalesce(referrer, $6), page_view_count = page_view_count + 1"
                            + " where tenant_id = $1 and id = $2")
                    .bind(0, visitor.tenantId())
                    .bind(1, visitor.principalId())
                    .bind(2, now)
                    .bind(3, url);
            summary = bindNullable(summary, 4, cleanTitle);
            summary = bindNullable(summary, 5, cleanReferrer);
            GenericExecuteSpec view = db.sql("insert into page_view (tenant_id, id, visitor_id, url, title, referrer,"
                            + " viewed_at) values ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(0, visitor.tenantId())
                    .bind(1, UUID.randomUUID())
                    .bind(2, visitor.principalId())
                    .bind(3, url)
                    .bind(6, now);
            GenericExecuteSpec insert = bindNullable(bindNullable(view, 4, cleanTitle), 5, cleanReferrer);
            return summary.fetch()
                    .rowsUpdated()
                    .flatMap(updated ->
                            updated == 0 ? Mono.error(ApiException.unauthorized("Unknown visitor")) : insert.then());
        });
    }

    /** The widget's {@code Parley.identify}: what is given replaces what was known, what is absent stays. */
    public Mono<Void> identify(Caller visitor, @Nullable String name, @Nullable String email) {
        if (name == null && email == null) {
            throw ApiException.badRequest("invalid", "name or email is required");
        }
        @Nullable String cleanName = name == null ? null : ContactDetails.name(name);
        @Nullable String cleanEmail = email == null ? null : ContactDetails.email(email);
        return transactions.inTenant(visitor.tenantId(), () -> {
            GenericExecuteSpec update = db.sql("update visitor set name = coalesce($3, name),"
                            + " email = coalesce($4, email) where tenant_id = $1 and id = $2")
                    .bind(0, visitor.tenantId())
                    .bind(1, visitor.principalId());
            return bindNullable(bindNullable(update, 2, cleanName), 3, cleanEmail)
                    .fetch()
                    .rowsUpdated()
                    .flatMap(updated ->
                            updated == 0 ? Mono.error(ApiException.unauthorized("Unknown visitor")) : Mono.empty());
        });
    }

    /**
     * The agent's tenant's visitors seen within the live window, most recent first; chatting when
     * they have a conversation that is not closed.
     */
    public Mono<List<LiveVisitor>> live(Caller agent) {
        Instant since = Instant.now().minus(properties.liveWindow());
        return transactions.inTenant(agent.tenantId(), () -> db.sql("select v.id, v.name, v.email, v.current_url,"
                        + " v.current_title, v.referrer, v.first_seen_at, v.last_seen_at, v.page_view_count,"
                        + " exists (select 1 from conversation c where c.tenant_id = v.tenant_id"
                        + " and c.visitor_id = v.id and c.state <> 'CLOSED') as chatting"
                        + " from visitor v where v.tenant_id = $1 and v.last_seen_at >= $2"
                        + " order by v.last_seen_at desc limit $3")
                .bind(0, agent.tenantId())
                .bind(1, since)
                .bind(2, LIVE_SHOWN)
                .map(VisitorActivity::liveVisitor)
                .all()
                .collectList());
    }

    /** The visitor's latest page views, newest first; 404 when the agent's tenant has no such visitor. */
    public Mono<List<PageView>> pageViews(Caller agent, UUID visitorId) {
        return transactions.inTenant(
                agent.tenantId(), () -> db.sql("select id from visitor where tenant_id = $1 and id = $2")
                        .bind(0, agent.tenantId())
                        .bind(1, visitorId)
                        .map(row -> row.get("id", UUID.class))
                        .one()
                        .switchIfEmpty(Mono.error(ApiException.notFound("not_found", "No such visitor")))
                        .flatMap(found -> db.sql("select id, url, title, referrer, viewed_at from page_view"
                                        + " where tenant_id = $1 and visitor_id = $2 order by viewed_at desc limit $3")
                                .bind(0, agent.tenantId())
                                .bind(1, visitorId)
                                .bind(2, PAGE_VIEWS_SHOWN)
                                .map(row -> new PageView(
                                        row.get("id", UUID.class),
                                        row.get("url", String.class),
                                        row.get("title", String.class),
                                        row.get("referrer", String.class),
                                        row.get("viewed_at", Instant.class)))
                                .all()
                                .collectList()));
    }

    private static LiveVisitor liveVisitor(Readable row) {
        Integer pageViews = row.get("page_view_count", Integer.class);
        return new LiveVisitor(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("email", String.class),
                row.get("current_url", String.class),
                row.get("current_title", String.class),
                row.get("referrer", String.class),
                row.get("first_seen_at", Instant.class),
                row.get("last_seen_at", Instant.class),
                pageViews == null ? 0 : pageViews,
                Boolean.TRUE.equals(row.get("chatting", Boolean.class)));
    }

    /** Blank is absent; anything longer than {@code max} is refused. */
    private static @Nullable String optional(@Nullable String value, int max, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw ApiException.badRequest("invalid", field + " must be at most " + max + " characters");
        }
        return value;
    }

    private static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, int index, @Nullable String value) {
        return value == null ? spec.bindNull(index, String.class) : spec.bind(index, value);
    }
}
