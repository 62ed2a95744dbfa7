package dev.parley.session.internalchat;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Internal chats: conversations of kind DIRECT (two agents) or TEAM (a department's agents and
 * the supervisors), with no visitor. Made on first ask, found on every later one; their messages
 * go through the same message log as a visitor's chat. They are ACTIVE for good: nobody closes
 * them, neither a participant nor the inactivity sweep.
 */
@Component
public class InternalChats {

    private final DatabaseClient db;
    private final TenantTransactions transactions;
    private final TenantDirectory directory;
    private final Membership membership;

    public InternalChats(
            DatabaseClient db, TenantTransactions transactions, TenantDirectory directory, Membership membership) {
        this.db = db;
        this.transactions = transactions;
        this.directory = directory;
        this.membership = membership;
    }

    /**
     * An internal chat as its member sees it. {@code title}: the other agent's name (direct) or
     * the department's (team). {@code lastMessageAt} is null before the first message.
     */
    public record Chat(
            UUID conversationId,
            String kind,
            String title,
            List<UUID> memberIds,
            @Nullable Instant lastMessageAt,
            long lastSeq) {}

    /** The chat, and whether this call made it. */
    public record Opened(Chat chat, boolean created) {}

    /** The direct chat of the caller and {@code withAgentId}, made if they had none. */
    public Mono<Opened> direct(Caller caller, UUID withAgentId) {
        TenantUpdated tenant = memberTenant(caller);
        if (withAgentId.equals(caller.principalId())) {
            throw ApiException.badRequest("invalid", "withAgentId is another agent than you");
        }
        if (directory.agent(tenant.tenantId(), withAgentId).isEmpty()) {
            throw ApiException.notFound("unknown_agent", "No such agent in your team");
        }
        // The pair in one order, so that either of the two finds the same chat. Postgres orders uuids
        // by their unsigned bytes, as their text compares; UUID.compareTo is signed and would not agree.
        boolean callerFirst = caller.principalId().toString().compareTo(withAgentId.toString()) < 0;
        UUID a = callerFirst ? caller.principalId() : withAgentId;
        UUID b = callerFirst ? withAgentId : caller.principalId();
        return open(
                caller,
                db.sql("insert into conversation (tenant_id, id, kind, direct_agent_a, direct_agent_b, state)"
                                + " values ($1, $2, 'DIRECT', $3, $4, 'ACTIVE')"
                                + " on conflict (tenant_id, direct_agent_a, direct_agent_b) where kind = 'DIRECT'"
                                + " do nothing")
                        .bind(2, a)
                        .bind(3, b),
                " kind = 'DIRECT' and direct_agent_a = $2 and direct_agent_b = $3",
                a,
                b);
    }

    /** The team chat of {@code departmentId}, made if it had none; for its agents and the supervisors. */
    public Mono<Opened> team(Caller caller, UUID departmentId) {
        TenantUpdated tenant = memberTenant(caller);
        if (tenant.departments().stream().noneMatch(d -> d.departmentId().equals(departmentId))) {
            throw ApiException.notFound("unknown_department", "No such department");
        }
        if (!membership.isMember(
                tenant.tenantId(), new Membership.Shape("TEAM", null, null, departmentId), caller.principalId())) {
            throw ApiException.forbidden("You are not in this department");
        }
        return open(
                caller,
                db.sql("insert into conversation (tenant_id, id, kind, department_id, state)"
                                + " values ($1, $2, 'TEAM', $3, 'ACTIVE')"
                                + " on conflict (tenant_id, department_id) where kind = 'TEAM' do nothing")
                        .bind(2, departmentId),
                " kind = 'TEAM' and department_id = $2 and $3::uuid is null",
                departmentId,
                null);
    }

    private Mono<Opened> open(
            Caller caller, DatabaseClient.GenericExecuteSpec insert, String which, UUID first, @Nullable UUID second) {
        return transactions.inTenant(caller.tenantId(), () -> insert.bind(0, caller.tenantId())
                .bind(1, UUID.randomUUID())
                .fetch()
                .rowsUpdated()
                .flatMap(inserted -> {
                    var select = db.sql(SELECT + " where tenant_id = $1 and" + which)
                            .bind(0, caller.tenantId())
                            .bind(1, first);
                    select = second == null ? select.bindNull(2, UUID.class) : select.bind(2, second);
                    return select.map(row -> chat(caller, row)).one().map(chat -> new Opened(chat, inserted == 1));
                }));
    }

    /** The caller's internal chats, the most recently active first. */
    public Mono<List<Chat>> of(Caller caller) {
        TenantUpdated tenant = memberTenant(caller);
        UUID[] teams = tenant.departments().stream()
                .map(TenantUpdated.Department::departmentId)
                .filter(department -> membership.isMember(
                        tenant.tenantId(), new Membership.Shape("TEAM", null, null, department), caller.principalId()))
                .toArray(UUID[]::new);
        return transactions.inTenant(caller.tenantId(), () -> db.sql(SELECT
                        + " where tenant_id = $1 and ((kind = 'DIRECT' and (direct_agent_a = $2 or direct_agent_b = $2))"
                        + " or (kind = 'TEAM' and department_id = any($3)))"
                        + " order by last_activity_at desc limit 500")
                .bind(0, caller.tenantId())
                .bind(1, caller.principalId())
                .bind(2, teams)
                .map(row -> chat(caller, row))
                .all()
                .collectList());
    }

    private static final String SELECT =
            "select id, " + Membership.COLUMNS + ", last_seq, last_activity_at from conversation";

    private Chat chat(Caller caller, Readable row) {
        Membership.Shape shape = Membership.Shape.of(row);
        long lastSeq = row.get("last_seq", Long.class);
        return new Chat(
                row.get("id", UUID.class),
                shape.kind().toLowerCase(Locale.ROOT),
                title(caller, shape),
                membership.members(caller.tenantId(), shape),
                // Only a message moves an internal chat's activity; before one, it is its creation.
                lastSeq == 0 ? null : row.get("last_activity_at", Instant.class),
                lastSeq);
    }

    private String title(Caller caller, Membership.Shape shape) {
        TenantUpdated tenant = directory.tenant(caller.tenantId()).orElse(null);
        if (tenant == null) {
            return "";
        }
        if (shape.kind().equals("TEAM")) {
            return tenant.departments().stream()
                    .filter(d -> d.departmentId().equals(shape.departmentId()))
                    .map(TenantUpdated.Department::name)
                    .findFirst()
                    .orElse("");
        }
        UUID other = caller.principalId().equals(shape.agentA()) ? shape.agentB() : shape.agentA();
        return other == null
                ? ""
                : directory
                        .tenant(caller.tenantId())
                        .flatMap(known -> known.nameOf(other))
                        .orElse("");
    }

    /** The caller's tenant, when the caller is one of its console users (by the snapshot). */
    private TenantUpdated memberTenant(Caller caller) {
        if (caller.kind() != Caller.Kind.AGENT) {
            throw ApiException.forbidden("Internal chats are for agents");
        }
        TenantUpdated tenant = directory
                .tenant(caller.tenantId())
                .orElseThrow(() -> new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Your team is not known here yet; retry"));
        if (directory.agent(tenant.tenantId(), caller.principalId()).isEmpty()) {
            throw ApiException.forbidden("Not an agent of this tenant");
        }
        return tenant;
    }
}
