package dev.parley.tenant.plan;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a tenant may use: seats and features, and what it costs.
 *
 * @param code stored on the tenant and carried in its snapshot and access tokens
 * @param monthlyPriceCents per month for the whole team, in {@link #currency}; 0 for the trial
 * @param seats console users the tenant may have (owners included); {@link #UNLIMITED} for no limit
 * @param features what the plan turns on beyond chatting: {@link Plans#SUPERVISOR}, {@link Plans#REPORTS}
 * @param trial how long it runs before the tenant must choose a paid plan; zero for a paid plan
 */
public record Plan(
        String code,
        String name,
        int monthlyPriceCents,
        String currency,
        int seats,
        Set<String> features,
        List<String> highlights,
        Duration trial) {

    public static final int UNLIMITED = Integer.MAX_VALUE;

    public Plan {
        features = Set.copyOf(features);
        highlights = List.copyOf(highlights);
    }

    public boolean paid() {
        return monthlyPriceCents > 0;
    }

    public boolean has(String feature) {
        return features.contains(feature);
    }
}
