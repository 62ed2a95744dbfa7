package dev.parley.tenant.signup;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.auth.EmailVerifications;
import dev.parley.tenant.department.Department;
import dev.parley.tenant.department.Departments;
import dev.parley.tenant.department.RoutingMode;
import dev.parley.tenant.plan.Plans;
import dev.parley.tenant.site.Site;
import dev.parley.tenant.site.Sites;
import dev.parley.tenant.snapshot.TenantSnapshots;
import dev.parley.tenant.user.NewUser;
import dev.parley.tenant.user.Passwords;
import dev.parley.tenant.user.Roles;
import dev.parley.tenant.user.Users;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creates a tenant ready to chat: on a 14-day trial, with its owner, a site (origins to be
 * configured in onboarding) and a department the owner works in. One transaction: a taken email
 * leaves nothing behind. The first snapshot is published with it, so the other services know the
 * tenant as soon as it exists.
 *
 * <p>The owner signs in only after following the link e-mailed to the address ({@link
 * EmailVerifications}). The answer is the same whether the address was new or taken, and both
 * cost one password hash and one transaction, so neither the answer nor its time tells; the
 * e-mail differs.
 */
@Component
public class Signup {

    static final String DEFAULT_SITE = "Website";
    static final String DEFAULT_DEPARTMENT = "General";

    private final TenantTransactions transactions;
    private final DatabaseClient db;
    private final Sites sites;
    private final Departments departments;
    private final Users users;
    private final Passwords passwords;
    private final TenantSnapshots snapshots;
    private final EmailVerifications verifications;

    public Signup(
            TenantTransactions transactions,
            DatabaseClient db,
            Sites sites,
            Departments departments,
            Users users,
            Passwords passwords,
            TenantSnapshots snapshots,
            EmailVerifications verifications) {
        this.verifications = verifications;
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

    /** Completes once the tenant exists (or the address was found taken); the e-mail follows. */
    public Mono<Void> signUp(Application application) {
        UUID tenantId = UUID.randomUUID();
        String email = application.email();
        verifications.allowMail(email.toLowerCase(Locale.ROOT));
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
                            NewUser.DEFAULT_MAX_CHATS,
                            false);
                    return insertTenant(tenantId, application.companyName())
                            .then(sites.insert(tenantId, site))
                            .then(departments.insert(tenantId, department))
                            .then(users.insert(tenantId, owner))
                            .then(snapshots.publish(tenantId))
                            .then(verifications.issue(tenantId, owner.id()));
                }))
                .doOnNext(token -> verifications.sendLink(email, token))
                .onErrorResume(Signup::emailTaken, taken -> {
                    verifications.sendForTakenAddress(email);
                    return Mono.empty();
                })
                .then();
    }

    private static boolean emailTaken(Throwable failure) {
        return failure instanceof ApiException api && api.code().equals("email_taken");
    }

    private Mono<Void> insertTenant(UUID tenantId, String name) {
        return db.sql("insert into tenant (id, name, plan, status, trial_ends_at) values ($1, $2, $3, 'TRIAL', $4)")
                .bind(0, tenantId)
                .bind(1, name)
                .bind(2, Plans.TRIAL.code())
                .bind(3, Instant.now().plus(Plans.TRIAL.trial()))
                .then();
    }
}
