package dev.parley.tenant.user;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.platform.web.Permission;
import dev.parley.tenant.auth.RefreshTokens;
import dev.parley.tenant.department.Departments;
import dev.parley.tenant.plan.Accounts;
import dev.parley.tenant.snapshot.TenantSnapshots;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Adds, edits, deactivates, reactivates and deletes a tenant's console users; each change
 * publishes the tenant's snapshot in its transaction (which is how the gateway learns to close a
 * deactivated user's sockets). The rules, on top of {@link Permission#MANAGE_USERS}:
 *
 * <ul>
 *   <li>Owners are an owner's business: only a caller with {@link Permission#MANAGE_OWNERS} makes
 *       or unmakes an owner, or edits, deactivates or deletes one (403 {@code forbidden}).
 *   <li>The tenant always keeps an active owner: demoting, deactivating or deleting the last one is
 *       409 {@code last_owner} (checked under a lock of the tenant row).
 *   <li>Nobody deactivates or deletes themselves (409 {@code own_account}); anyone may give up a
 *       role of their own, the last owner's aside.
 *   <li>A deactivated user holds no seat; reactivating takes one again (409 {@code
 *       seat_limit_reached} when none is free). Deactivating ends their sessions.
 *   <li>Another tenant's user id is 404 {@code not_found}, like an unknown one.
 * </ul>
 */
@Component
public class UserAdministration {

    private final TenantTransactions transactions;
    private final Users users;
    private final Departments departments;
    private final Passwords passwords;
    private final TenantSnapshots snapshots;
    private final Accounts accounts;
    private final RefreshTokens refreshTokens;

    public UserAdministration(
            TenantTransactions transactions,
            Users users,
            Departments departments,
            Passwords passwords,
            TenantSnapshots snapshots,
            Accounts accounts,
            RefreshTokens refreshTokens) {
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.transactions = transactions;
        this.users = users;
        this.departments = departments;
        this.passwords = passwords;
        this.snapshots = snapshots;
    }

    /** What an admin asks for; checked by the web adapter, the password not yet hashed. */
    public record Invitation(
            String email,
            String displayName,
            String password,
            List<String> roles,
            List<UUID> departmentIds,
            int maxChats) {}

    /** What an admin changes of a user; a null field stays as it is. */
    public record Changes(
            @Nullable String displayName,
            @Nullable List<String> roles,
            @Nullable List<UUID> departmentIds,
            @Nullable Integer maxChats) {}

    public Mono<List<User>> list(UUID tenantId) {
        return transactions.inTenant(tenantId, () -> users.all(tenantId).collectList());
    }

    /**
     * Adds a user to the caller's tenant. Only an owner makes owners: an admin must not be able to
     * raise anyone, themselves included, above admin. A department that is not the tenant's is
     * answered like one that does not exist (404), whoever's it is. A plan's seats are a hard
     * limit: 409 {@code seat_limit_reached} once they are all taken (counted under a lock of the
     * tenant row, so two adds at once cannot both take the last seat).
     */
    public Mono<User> add(Caller admin, Invitation invitation) {
        if (invitation.roles().contains(Roles.OWNER) && !admin.may(Permission.MANAGE_OWNERS)) {
            return Mono.error(ApiException.forbidden("Only an owner may make an owner"));
        }
        UUID tenantId = admin.tenantId();
        // Hashed before the transaction opens: no connection is held while the CPU works.
        return passwords
                .hash(invitation.password())
                .flatMap(hash -> transactions.inTenant(tenantId, () -> departments
                        .requireAll(tenantId, invitation.departmentIds())
                        .then(accounts.requireSeat(tenantId))
                        .then(users.insert(
                                tenantId,
                                new NewUser(
                                        UUID.randomUUID(),
                                        invitation.email(),
                                        invitation.displayName(),
                                        hash,
                                        invitation.roles(),
                                        invitation.departmentIds(),
                                        invitation.maxChats(),
                                        // The admin chose the address and the password.
                                        true)))
                        .flatMap(user -> snapshots.publish(tenantId).thenReturn(user))));
    }

    public Mono<User> update(Caller admin, UUID userId, Changes changes) {
        UUID tenantId = admin.tenantId();
        return transactions.inTenant(tenantId, () -> target(admin, userId).flatMap(user -> {
            List<String> roles = changes.roles() == null ? user.roles() : changes.roles();
            boolean owner = roles.contains(Roles.OWNER);
            if (owner != user.isOwner() && !admin.may(Permission.MANAGE_OWNERS)) {
                return Mono.error(ApiException.forbidden("Only an owner may make or unmake an owner"));
            }
            List<UUID> departmentIds = changes.departmentIds() == null ? user.departmentIds() : changes.departmentIds();
            Mono<Void> keepsAnOwner =
                    user.isOwner() && !owner && user.isActive() ? requireAnotherOwner(tenantId, userId) : Mono.empty();
            return keepsAnOwner
                    .then(
                            changes.departmentIds() == null
                                    ? Mono.<Void>empty()
                                    : departments.requireAll(tenantId, departmentIds))
                    .then(users.update(
                            tenantId,
                            userId,
                            changes.displayName() == null ? user.displayName() : changes.displayName(),
                            roles,
                            changes.maxChats() == null ? user.maxChats() : changes.maxChats(),
                            departmentIds))
                    .then(snapshots.publish(tenantId))
                    .then(users.find(tenantId, userId));
        }));
    }

    /** The user cannot sign in any more, their sessions end, and their sockets close (through the snapshot). */
    public Mono<User> deactivate(Caller admin, UUID userId) {
        UUID tenantId = admin.tenantId();
        return notSelf(admin, userId, "deactivate").then(transactions.inTenant(tenantId, () -> target(admin, userId)
                .flatMap(user -> {
                    if (!user.isActive()) {
                        return Mono.just(user); // already: nothing changes, no new snapshot
                    }
                    return (user.isOwner() ? requireAnotherOwner(tenantId, userId) : Mono.<Void>empty())
                            .then(users.setActive(tenantId, userId, false))
                            .then(refreshTokens.revokeAll(tenantId, userId))
                            .then(snapshots.publish(tenantId))
                            .then(users.find(tenantId, userId));
                })));
    }

    /** The user may sign in again; takes a seat. */
    public Mono<User> reactivate(Caller admin, UUID userId) {
        UUID tenantId = admin.tenantId();
        return transactions.inTenant(tenantId, () -> target(admin, userId)
                .flatMap(user -> user.isActive()
                        ? Mono.just(user)
                        : accounts.requireSeat(tenantId)
                                .then(users.setActive(tenantId, userId, true))
                                .then(snapshots.publish(tenantId))
                                .then(users.find(tenantId, userId))));
    }

    /** Deletes the user; only their name stays, as a former user, so that history still names them. */
    public Mono<Void> delete(Caller admin, UUID userId) {
        UUID tenantId = admin.tenantId();
        return notSelf(admin, userId, "delete").then(transactions.inTenant(tenantId, () -> target(admin, userId)
                .flatMap(user -> (user.isOwner() && user.isActive()
                                ? requireAnotherOwner(tenantId, userId)
                                : Mono.<Void>empty())
                        .then(users.delete(tenantId, userId))
                        .then(snapshots.publish(tenantId)))
                .then()));
    }

    /**
     * The user to change, under a lock of the tenant row: 404 for none (another tenant's id
     * included), 403 for an owner when the caller may not manage owners.
     */
    private Mono<User> target(Caller admin, UUID userId) {
        UUID tenantId = admin.tenantId();
        return users.lockTenant(tenantId)
                .then(users.find(tenantId, userId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("not_found", "No such user")))
                .flatMap(user -> user.isOwner() && !admin.may(Permission.MANAGE_OWNERS)
                        ? Mono.error(ApiException.forbidden("Only an owner may change an owner"))
                        : Mono.just(user));
    }

    private Mono<Void> requireAnotherOwner(UUID tenantId, UUID userId) {
        return users.otherActiveOwners(tenantId, userId)
                .flatMap(others -> others > 0
                        ? Mono.<Void>empty()
                        : Mono.error(ApiException.conflict(
                                "last_owner", "The account needs an active owner: make someone else an owner first")));
    }

    private static Mono<Void> notSelf(Caller admin, UUID userId, String what) {
        return admin.principalId().equals(userId)
                ? Mono.error(ApiException.conflict("own_account", "Nobody may " + what + " their own account"))
                : Mono.empty();
    }
}
