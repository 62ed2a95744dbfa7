package dev.parley.tenant.signup;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.tenant.department.Department;
import dev.parley.tenant.department.Departments;
import dev.parley.tenant.department.RoutingMode;
import dev.parley.tenant.site.Site;
import dev.parley.tenant.site.Sites;
import dev.parley.tenant.snapshot.TenantSnapshots;
import dev.parley.tenant.user.NewUser;
import dev.parley.tenant.user.Passwords;
import dev.parley.tenant.user.Roles;
import dev.parley.tenant.user.Users;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creates a tenant ready to chat: on a trial, with its owner, a site (origins to be configured) and
 * a department the owner works in. One transaction: a taken email leaves nothing behind. The first
 * snapshot is published with it, so the other services know the tenant as soon as it exists.
 */
@Component
public class Signup {

    static final String TRIAL_PLAN = "trial";
    static final String DEFAULT_SITE = "Website";
    static final String DEFAULT_DEPARTMENT = "General";

    private final TenantTransactions transactions;
    private final DatabaseClient db;
    private final Sites sites;
    private final Departments departments;
    private final Users users;
    private final Passwords passwords;
    private final TenantSnapshots snapshots;

    public Signup(
            TenantTransactions transactions,
            DatabaseClient db,
            Sites sites,
            Departments departments,
            Users users,
            Passwords passwords,
            TenantSnapshots snapshots) {
        this.transactions = transactions;
        this.db = db;
        this.sites = sites;
        this.departments = departments;
        this.users = users;
        this.passwords = passwords;
        this.snapshots = snapshots;
    }

    /** Checked input; the password not yet hashed. */
    public record Application(String companyName, String ownerName, String email, String password) {}

    public Mono<SignedUp> signUp(Application application) {
        UUID tenantId = UUID.randomUUID();
        // Hashed before the transaction opens: no connection is held while the CPU works.
        return passwords
                .hash(application.password())
                .flatMap(hash -> transactions.inTenant(tenantId, () -> {
                    Site site = Site.create(DEFAULT_SITE, List.of());
                    Department department = Department.create(DEFAULT_DEPARTMENT, RoutingMode.OFFER);
                    var owner = new NewUser(
                            UUID.randomUUID(),
                            application.email(),
                            application.ownerName(),
                            hash,
                            // The owner of a new tenant is its whole team until they invite one.
                            Roles.ALL,
                            List.of(department.id()),
                            NewUser.DEFAULT_MAX_CHATS);
                    return insertTenant(tenantId, application.companyName())
                            .then(sites.insert(tenantId, site))
                            .then(departments.insert(tenantId, department))
                            .then(users.insert(tenantId, owner))
                            .then(snapshots.publish(tenantId))
                            .thenReturn(new SignedUp(tenantId, owner.id(), site.siteKey(), site.id(), department.id()));
                }));
    }

    private Mono<Void> insertTenant(UUID tenantId, String name) {
        return db.sql("insert into tenant (id, name, plan, status) values ($1, $2, $3, 'TRIAL')")
                .bind(0, tenantId)
                .bind(1, name)
                .bind(2, TRIAL_PLAN)
                .then();
    }
}
