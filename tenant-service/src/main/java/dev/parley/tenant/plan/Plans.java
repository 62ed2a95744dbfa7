package dev.parley.tenant.plan;

import dev.parley.platform.web.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The plans Parley sells. Kept in code rather than a table: a plan's features are enforced by code
 * (seat checks here, the supervisor view in every service through the access token's {@code
 * features}), so a plan nobody's code knows would be a plan that does nothing. Prices are what the
 * pricing page shows and what billing charges.
 */
public final class Plans {

    /** Watching, joining and whispering into any chat of the tenant; the supervisor view. */
    public static final String SUPERVISOR = "supervisor";

    /** Reports and the live dashboard. */
    public static final String REPORTS = "reports";

    public static final Set<String> ALL_FEATURES = Set.of(SUPERVISOR, REPORTS);

    public static final Plan TRIAL = new Plan(
            "trial",
            "Trial",
            0,
            "EUR",
            Plan.UNLIMITED,
            ALL_FEATURES,
            List.of("Everything for 14 days", "As many users as you like", "No card needed"),
            Duration.ofDays(14));

    public static final Plan STARTER = new Plan(
            "starter",
            "Starter",
            1900,
            "EUR",
            3,
            Set.of(),
            List.of("Up to 3 users", "Unlimited chats", "Canned responses, offline form, transcripts"),
            Duration.ZERO);

    public static final Plan PRO = new Plan(
            "pro",
            "Pro",
            7900,
            "EUR",
            25,
            ALL_FEATURES,
            List.of("Up to 25 users", "Supervisor view: watch, join, whisper", "Reports and live dashboard"),
            Duration.ZERO);

    /** In the order the pricing page shows them. */
    public static final List<Plan> ALL = List.of(TRIAL, STARTER, PRO);

    private Plans() {}

    public static Optional<Plan> find(String code) {
        return ALL.stream().filter(plan -> plan.code().equals(code)).findFirst();
    }

    /** A tenant's stored plan; a code no longer sold reads as the trial's rights, never as none. */
    public static Plan of(String code) {
        return find(code).orElse(TRIAL);
    }

    /** A plan a tenant may buy, or 400 {@code unknown_plan}. */
    public static Plan paid(String code) {
        return find(code)
                .filter(Plan::paid)
                .orElseThrow(() -> ApiException.badRequest("unknown_plan", "No plan has this code"));
    }
}
