package dev.parley.tenant.billing;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Stripe account billing uses. Without an API key billing is off: the endpoints answer 503
 * {@code billing_unavailable}, and nothing else changes (trials still end).
 *
 * @param apiKey the account's secret key ({@code PARLEY_BILLING_STRIPE_API_KEY}, from a secret)
 * @param apiBase where stripe-java sends requests; unset means Stripe itself. Tests and the
 *     standalone set it to the local stand-in
 * @param webhookSecret the webhook endpoint's signing secret ({@code whsec_...}), which every
 *     event's {@code Stripe-Signature} must match
 * @param prices the Stripe price id of each paid plan's monthly subscription, by plan code
 */
@ConfigurationProperties("parley.billing.stripe")
public record BillingProperties(
        @Nullable String apiKey,
        @Nullable String apiBase,
        @Nullable String webhookSecret,
        @DefaultValue Map<String, String> prices) {

    public boolean enabled() {
        return apiKey != null && !apiKey.isBlank() && webhookSecret != null && !webhookSecret.isBlank();
    }
}
