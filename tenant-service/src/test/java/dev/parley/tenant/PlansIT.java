package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.PASSWORD;
import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.okBody;
import static dev.parley.tenant.TenantClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.tenant.TenantClient.Tenant;
import dev.parley.tenant.plan.Accounts;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * Plans as an owner meets them: the public price list, a 14-day trial with everything, seats
 * enforced when users are added, features carried in the access token, and a trial that ends
 * moving the tenant to EXPIRED (its snapshot says so; other tenants are untouched).
 */
class PlansIT extends TenantIT {

    @Autowired
    Accounts accounts;

    @Test
    void thePriceListIsPublic() {
        Map<?, ?> answer = okBody(http().get().uri("/api/tenant/plans").exchange());
        List<?> plans = (List<?>) answer.get("plans");
        assertThat(plans.stream().map(plan -> ((Map<?, ?>) plan).get("code")).toList())
                .isEqualTo(List.of("trial", "starter", "pro"));
        Map<?, ?> trial = (Map<?, ?>) plans.getFirst();
        assertThat(trial.get("trialDays")).isEqualTo(14);
        assertThat(trial.get("features")).isEqualTo(List.of("reports", "supervisor"));
        Map<?, ?> starter = (Map<?, ?>) plans.get(1);
        assertThat(starter.get("monthlyPriceCents")).isEqualTo(1900);
        assertThat(starter.get("seats")).isEqualTo(3);
        assertThat(starter.get("features")).isEqualTo(List.of());
    }

    @Test
    void aNewTenantIsOnATrialOfFourteenDaysWithEverything() {
        Tenant acme = tenants.signUp("Acme trial");
        Map<?, ?> account = okBody(tenants.get(acme.owner(), "/api/tenant/account"));
        assertThat(account.get("status")).isEqualTo("TRIAL");
        assertThat(account.get("takesChats")).isEqualTo(true);
        assertThat(account.get("trialDaysLeft")).isEqualTo(14);
        assertThat(account.get("seatsUsed")).isEqualTo(1);
        assertThat(account.get("seats")).as("no limit on the trial").isNull();
        assertThat(((Map<?, ?>) account.get("plan")).get("code")).isEqualTo("trial");
        // Any console user may read it (the banner); a visitor may not.
        okBody(tenants.get(acme.agent(), "/api/tenant/account"));
        isError(tenants.get(visitorOf(acme), "/api/tenant/account"), HttpStatus.FORBIDDEN, "forbidden");
    }

    @Test
    void seatsAreALimitAndFeaturesFollowThePlanIntoTheToken() throws Exception {
        Tenant acme = tenants.signUp("Acme starter");
        setPlan(acme.tenantId(), "starter", "ACTIVE");
        tenants.addAgent(acme.owner(), uniqueEmail("second"), List.of(acme.departmentId()));
        tenants.addAgent(acme.owner(), uniqueEmail("third"), List.of(acme.departmentId()));

        String fourth = uniqueEmail("fourth");
        isError(
                tenants.post(
                        acme.owner(),
                        "/api/tenant/users",
                        Map.of(
                                "email",
                                fourth,
                                "displayName",
                                "Four",
                                "password",
                                PASSWORD,
                                "roles",
                                List.of("agent"))),
                HttpStatus.CONFLICT,
                "seat_limit_reached");
        isError(tenants.login(fourth, PASSWORD), HttpStatus.UNAUTHORIZED, "bad_credentials");

        String token = (String) okBody(tenants.login(acme.email(), PASSWORD)).get("accessToken");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("features"))
                .isEmpty();
        Map<?, ?> account = okBody(tenants.get(acme.owner(), "/api/tenant/account"));
        assertThat(account.get("seatsUsed")).isEqualTo(3);
        assertThat(account.get("trialEndsAt")).isNull();
        assertThat(account.get("trialDaysLeft")).isNull();
    }

    @Test
    void aTrialThatEndedMovesTheTenantToExpiredAndOnlyThatOne() throws Exception {
        Tenant acme = tenants.signUp("Acme expiring");
        Tenant globex = tenants.signUp("Globex still trying");
        transactions
                .inTenant(acme.tenantId(), () -> db.sql(
                                "update tenant set trial_ends_at = now() - interval '1 minute' where id = $1")
                        .bind(0, acme.tenantId())
                        .then())
                .block();

        try (var state = new TenantStateRecorder(acme.tenantId())) {
            assertThat(accounts.expireTrials().collectList().block()).contains(acme.tenantId());
            assertThat(state.await(snapshot -> snapshot.status() == TenantUpdated.Status.EXPIRED)
                            .snapshot()
                            .status()
                            .takesChats())
                    .isFalse();
        }
        // Done once: the next sweep finds nothing of it.
        assertThat(accounts.expireTrials().collectList().block()).doesNotContain(acme.tenantId());

        Map<?, ?> account = okBody(tenants.get(acme.owner(), "/api/tenant/account"));
        assertThat(account.get("status")).isEqualTo("EXPIRED");
        assertThat(account.get("takesChats")).isEqualTo(false);
        assertThat(account.get("trialDaysLeft")).isEqualTo(0);
        // The owner still signs in: to choose a plan.
        okBody(tenants.login(acme.email(), PASSWORD));

        assertThat(okBody(tenants.get(globex.owner(), "/api/tenant/account")).get("status"))
                .isEqualTo("TRIAL");
    }

    private void setPlan(UUID tenantId, String plan, String status) {
        transactions
                .inTenant(tenantId, () -> db.sql("update tenant set plan = $2, status = $3 where id = $1")
                        .bind(0, tenantId)
                        .bind(1, plan)
                        .bind(2, status)
                        .then())
                .block();
    }

    private static dev.parley.platform.web.Caller visitorOf(Tenant tenant) {
        return new dev.parley.platform.web.Caller(
                tenant.tenantId(),
                UUID.randomUUID(),
                dev.parley.platform.web.Caller.Kind.VISITOR,
                java.util.Set.of(),
                "");
    }
}
