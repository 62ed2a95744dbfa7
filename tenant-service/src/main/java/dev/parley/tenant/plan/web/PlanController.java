package dev.parley.tenant.plan.web;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.plan.Accounts;
import dev.parley.tenant.plan.Plan;
import dev.parley.tenant.plan.Plans;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/tenant/plans}: public, what the pricing page shows. {@code GET /api/tenant/account}:
 * any console user of the tenant, for the plan, the trial's days left and the banner when it ended.
 */
@RestController
class PlanController {

    private final Accounts accounts;

    PlanController(Accounts accounts) {
        this.accounts = accounts;
    }

    /** @param seats null for no limit */
    record PlanView(
            String code,
            String name,
            int monthlyPriceCents,
            String currency,
            @Nullable Integer seats,
            List<String> features,
            List<String> highlights,
            int trialDays) {

        static PlanView of(Plan plan) {
            return new PlanView(
                    plan.code(),
                    plan.name(),
                    plan.monthlyPriceCents(),
                    plan.currency(),
                    plan.seats() == Plan.UNLIMITED ? null : plan.seats(),
                    plan.features().stream().sorted().toList(),
                    plan.highlights(),
                    (int) plan.trial().toDays());
        }
    }

    record PlansView(List<PlanView> plans) {}

    /**
     * @param takesChats whether the tenant's widgets take chats now (false once the trial ended)
     * @param trialDaysLeft whole days, rounded up; 0 once it ended; null on a paid plan
     * @param seats null for no limit
     */
    record AccountView(
            UUID tenantId,
            String name,
            PlanView plan,
            String status,
            boolean takesChats,
            @Nullable Instant trialEndsAt,
            @Nullable Long trialDaysLeft,
            int seatsUsed,
            @Nullable Integer seats) {}

    @GetMapping("/api/tenant/plans")
    ResponseEntity<PlansView> plans() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(new PlansView(Plans.ALL.stream().map(PlanView::of).toList()));
    }

    @GetMapping("/api/tenant/account")
    Mono<AccountView> account(ServerWebExchange exchange) {
        return Access.member(exchange)
                .flatMap(caller -> accounts.account(caller.tenantId()))
                .map(account -> {
                    Instant ends = account.trialEndsAt();
                    Long daysLeft = ends == null
                            ? null
                            : Math.max(0, (Duration.between(Instant.now(), ends).toHours() + 23) / 24);
                    return new AccountView(
                            account.tenantId(),
                            account.name(),
                            PlanView.of(account.plan()),
                            account.status(),
                            TenantUpdated.Status.valueOf(account.status()).takesChats(),
                            ends,
                            daysLeft,
                            account.seatsUsed(),
                            account.plan().seats() == Plan.UNLIMITED
                                    ? null
                                    : account.plan().seats());
                });
    }
}
