package dev.parley.tenant.auth;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.platform.web.Permission;
import dev.parley.tenant.Constraints;
import dev.parley.tenant.Rows;
import dev.parley.tenant.auth.Login.LoggedIn;
import dev.parley.tenant.department.Departments;
import dev.parley.tenant.mail.Mailer;
import dev.parley.tenant.plan.Accounts;
import dev.parley.tenant.snapshot.TenantSnapshots;
import dev.parley.tenant.user.NewUser;
import dev.parley.tenant.user.Passwords;
import dev.parley.tenant.user.Roles;
import dev.parley.tenant.user.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Inviting a colleague by e-mail: an owner or admin names them, their roles and departments; the
 * link ({@code pin_} {@link SecretTokens}, 7 days, once) lets the invited person choose a password,
 * which makes their account (address confirmed: the link came to it) and signs them in. A pending
 * invitation holds a seat of the plan; inviting an address again replaces its pending invitation;
 * revoking one frees its seat.
 */
@Component
public class Invitations {

    private static final Logger log = LoggerFactory.getLogger(Invitations.class);
    private static final String PREFIX = "pin_";
    static final Duration LIFETIME = Duration.ofDays(7);

    private final Logins logins;
    private final TenantTransactions transactions;
    private final DatabaseClient db;
    private final Departments departments;
    private final Accounts accounts;
    private final Users users;
    private final Passwords passwords;
    private final TenantSnapshots snapshots;
    private final Login login;
    private final Mailer mailer;
    private final String consoleUrl;
    private final Clock clock = Clock.systemUTC();

    Invitations(
            Logins logins,
            TenantTransactions transactions,
            DatabaseClient db,
            Departments departments,
            Accounts accounts,
            Users users,
            Passwords passwords,
            TenantSnapshots snapshots,
            Login login,
            Mailer mailer,
            @Value("${parley.console-url:http://localhost:8080/console}") String consoleUrl) {
        this.logins = logins;
        this.transactions = transactions;
        this.db = db;
        this.departments = departments;
        this.accounts = accounts;
        this.users = users;
        this.passwords = passwords;
        this.snapshots = snapshots;
        this.login = login;
        this.mailer = mailer;
        this.consoleUrl = consoleUrl;
    }

    /** What an admin asks for, checked by the web adapter. */
    public record Request(
            String email, String displayName, List<String> roles, List<UUID> departmentIds, int maxChats) {}

    /** A pending invitation as the admin sees it (never its token). */
    /** @param departmentIds and {@code maxChats}: what the user will have, so that a resend can repeat it */
    public record Pending(
            UUID id,
            String email,
            String displayName,
            List<String> roles,
            List<UUID> departmentIds,
            int maxChats,
            Instant createdAt,
            Instant expiresAt) {}

    /**
     * Invites someone to the caller's tenant: 409 {@code email_taken} when the address has an
     * account, {@code seat_limit_reached} when the plan's seats are taken (pending invitations
     * included), 403 when an admin would make an owner, 404 for another tenant's department.
     */
    public Mono<Pending> invite(Caller admin, Request request) {
        if (request.roles().contains(Roles.OWNER) && !admin.may(Permission.MANAGE_OWNERS)) {
            return Mono.error(ApiException.forbidden("Only an owner may make an owner"));
        }
        UUID tenantId = admin.tenantId();
        SecretTokens.Minted minted = SecretTokens.mint(PREFIX, tenantId);
        Instant expires = clock.instant().plus(LIFETIME);
        return transactions
                .inTenant(tenantId, () -> departments
                        .requireAll(tenantId, request.departmentIds())
                        .then(revokePending(tenantId, request.email()))
                        .then(accounts.requireSeat(tenantId))
                        .then(requireNoAccount(request.email()))
                        .then(db.sql("insert into invitation (tenant_id, id, email, display_name, roles,"
                                        + " department_ids, max_chats, invited_by, secret_hash, expires_at)"
                                        + " values ($1, $2, $3, $4, $5, $6::uuid[], $7, $8, $9, $10)")
                                .bind(0, tenantId)
                                .bind(1, minted.id())
                                .bind(2, request.email())
                                .bind(3, request.displayName())
                                .bind(4, request.roles().toArray(String[]::new))
                                .bind(
                                        5,
                                        request.departmentIds().stream()
                                                .map(UUID::toString)
                                                .toArray(String[]::new))
                                .bind(6, request.maxChats())
                                .bind(7, admin.principalId())
                                .bind(8, minted.hash())
                                .bind(9, expires)
                                .then()
                                // The same address invited twice at once: the second finds the first's row.
                                .onErrorMap(
                                        failure -> Constraints.violated(failure, "invitation_pending"),
                                        failure -> ApiException.conflict(
                                                "invitation_pending",
                                                "An invitation to this address is being sent right now")))
                        .then(companyName(tenantId)))
                .doOnNext(company -> mailer.send(
                                request.email(),
                                "You are invited to " + company + " on Parley",
                                text(admin.name(), company, minted.token()))
                        .subscribe(sent -> {}, failure -> log.warn("invitation not sent: {}", failure.toString())))
                .map(company -> new Pending(
                        minted.id(),
                        request.email(),
                        request.displayName(),
                        request.roles(),
                        request.departmentIds(),
                        request.maxChats(),
                        clock.instant(),
                        expires));
    }

    /** The tenant's invitations not yet accepted, revoked or expired. */
    public Mono<List<Pending>> pending(UUID tenantId) {
        return transactions.inTenant(tenantId, () -> db.sql(
                        "select id, email, display_name, roles, department_ids::text[] as department_ids, max_chats,"
                                + " created_at, expires_at from invitation where tenant_id = $1 and accepted_at is null"
                                + " and revoked_at is null and expires_at > now() order by created_at, id")
                .bind(0, tenantId)
                .map(row -> new Pending(
                        Rows.get(row, "id", UUID.class),
                        Rows.get(row, "email", String.class),
                        Rows.get(row, "display_name", String.class),
                        Rows.strings(row, "roles"),
                        Rows.uuids(row, "department_ids"),
                        Rows.get(row, "max_chats", Integer.class),
                        Rows.get(row, "created_at", Instant.class),
                        Rows.get(row, "expires_at", Instant.class)))
                .all()
                .collectList());
    }

    /** Revokes a pending invitation: its link stops working, its seat is free. 404 when there is none. */
    public Mono<Void> revoke(UUID tenantId, UUID invitationId) {
        return transactions.inTenant(tenantId, () -> db.sql("update invitation set revoked_at = now()"
                        + " where tenant_id = $1 and id = $2 and accepted_at is null and revoked_at is null")
                .bind(0, tenantId)
                .bind(1, invitationId)
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated > 0
                        ? Mono.<Void>empty()
                        : Mono.error(ApiException.notFound("not_found", "No such invitation"))));
    }

    /**
     * Accepts with the e-mailed token and the chosen password: the account is made and signed
     * in. 400 {@code invalid_invitation} (forged, another tenant's, used, revoked) or {@code
     * invitation_expired}; 409 {@code email_taken} if the address got an account meanwhile.
     */
    public Mono<LoggedIn> accept(@Nullable String token, String password) {
        SecretTokens.Presented presented = SecretTokens.parse(PREFIX, token).orElseThrow(Invitations::invalid);
        UUID tenantId = presented.tenantId();
        return passwords
                .hash(password)
                .flatMap(hash -> transactions.inTenant(tenantId, () -> db.sql("select i.email, i.display_name,"
                                + " i.roles, i.max_chats, i.secret_hash, i.expires_at, i.accepted_at, i.revoked_at,"
                                // Departments removed since the invitation are left out rather than failing it.
                                + " array(select d.id::text from department d where d.tenant_id = i.tenant_id"
                                + " and d.id = any(i.department_ids) order by d.id) as department_ids"
                                + " from invitation i where i.tenant_id = $1 and i.id = $2 for update of i")
                        .bind(0, tenantId)
                        .bind(1, presented.id())
                        .map(row -> new Stored(
                                new NewUser(
                                        UUID.randomUUID(),
                                        Rows.get(row, "email", String.class),
                                        Rows.get(row, "display_name", String.class),
                                        hash,
                                        Rows.strings(row, "roles"),
                                        Rows.uuids(row, "department_ids"),
                                        Rows.get(row, "max_chats", Integer.class),
                                        // The link came to this address: it is confirmed.
                                        true),
                                Rows.get(row, "secret_hash", byte[].class),
                                Rows.get(row, "expires_at", Instant.class),
                                row.get("accepted_at", Instant.class) == null
                                        && row.get("revoked_at", Instant.class) == null))
                        .one()
                        .filter(stored -> presented.matches(stored.secretHash()) && stored.open())
                        .switchIfEmpty(Mono.error(Invitations::invalid))
                        .flatMap(stored -> stored.expiresAt().isAfter(clock.instant())
                                ? join(tenantId, presented.id(), stored.user())
                                : Mono.error(new ApiException(
                                        HttpStatus.BAD_REQUEST,
                                        "invitation_expired",
                                        "This invitation has expired; ask for a new one")))))
                .switchIfEmpty(Mono.error(Invitations::invalid));
    }

    private Mono<LoggedIn> join(UUID tenantId, UUID invitationId, NewUser user) {
        // Accepted first: its own seat is then the one the new account takes.
        return db.sql("update invitation set accepted_at = now() where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, invitationId)
                .then()
                .then(accounts.requireSeat(tenantId))
                .then(users.insert(tenantId, user))
                .flatMap(created -> snapshots.publish(tenantId).thenReturn(created))
                .flatMap(created -> login.signInConfirmed(tenantId, created.id()));
    }

    private Mono<Void> revokePending(UUID tenantId, String email) {
        return db.sql("update invitation set revoked_at = now() where tenant_id = $1 and lower(email) = lower($2)"
                        + " and accepted_at is null and revoked_at is null")
                .bind(0, tenantId)
                .bind(1, email)
                .then();
    }

    private Mono<Void> requireNoAccount(String email) {
        return logins.find(email)
                .hasElement()
                .flatMap(taken -> taken
                        ? Mono.error(ApiException.conflict("email_taken", "An account with this email exists already"))
                        : Mono.<Void>empty());
    }

    private Mono<String> companyName(UUID tenantId) {
        return db.sql("select name from tenant where id = $1")
                .bind(0, tenantId)
                .map(row -> Rows.get(row, "name", String.class))
                .one();
    }

    private String text(String inviter, String company, String token) {
        return (inviter.isBlank() ? "A colleague" : inviter) + " invited you to answer chats for " + company
                + " on Parley.\n\nChoose your password here within 7 days:\n" + consoleUrl + "#invite=" + token
                + "\n\nIf you do not know " + company + ", ignore this e-mail.\n";
    }

    private record Stored(NewUser user, byte[] secretHash, Instant expiresAt, boolean open) {}

    private static ApiException invalid() {
        return new ApiException(
                HttpStatus.BAD_REQUEST, "invalid_invitation", "This invitation is not valid or was used already");
    }
}
