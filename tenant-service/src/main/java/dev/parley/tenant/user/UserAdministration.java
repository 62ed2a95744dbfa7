package dev.parley.tenant.user;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.tenant.department.Departments;
import dev.parley.tenant.plan.Accounts;
import dev.parley.tenant.snapshot.TenantSnapshots;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Adds console users to a tenant; each change publishes the tenant's snapshot in its transaction. */
@Component
public class UserAdministration {

    private final TenantTransactions transactions;
    private final Users users;
    private final Departments departments;
    private final Passwords passwords;
    private final TenantSnapshots snapshots;
    private final Accounts accounts;

    public UserAdministration(
            TenantTransactions transactions,
            Users users,
            Departments departments,
            Passwords passwords,
            TenantSnapshots snapshots,
            Accounts accounts) {
        this.accounts = accounts;
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
        if (invitation.roles().contains(Roles.OWNER) && !admin.hasRole(Roles.OWNER)) {
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
}
