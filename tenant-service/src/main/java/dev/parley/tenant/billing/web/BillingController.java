package dev.parley.tenant.billing.web;

import dev.parley.platform.web.Caller;
import dev.parley.platform.web.Permission;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.billing.Billing;
import dev.parley.tenant.billing.StripeWebhooks;
import dev.parley.tenant.plan.Plans;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Billing for the tenant's owners: {@code GET /api/tenant/billing} (subscription and invoices),
 * {@code POST /api/tenant/billing/checkout} (a plan → Stripe's checkout page), {@code POST
 * /api/tenant/billing/portal} (Stripe's customer portal). And Stripe's webhook, {@code POST
 * /api/tenant/billing/stripe-webhook}: public, trusted only through its signature.
 */
@RestController
class BillingController {

    private final Billing billing;
    private final StripeWebhooks webhooks;

    BillingController(Billing billing, StripeWebhooks webhooks) {
        this.billing = billing;
        this.webhooks = webhooks;
    }

    record CheckoutRequest(@Nullable String plan) {}

    /** Where the browser goes next. */
    record Redirect(URI url) {}

    @GetMapping("/api/tenant/billing")
    Mono<Billing.Overview> overview(ServerWebExchange exchange) {
        return owner(exchange).flatMap(caller -> billing.overview(caller.tenantId()));
    }

    @PostMapping("/api/tenant/billing/checkout")
    Mono<Redirect> checkout(ServerWebExchange exchange, @RequestBody CheckoutRequest request) {
        return owner(exchange).flatMap(caller -> {
            var plan = Plans.paid(request.plan() == null ? "" : request.plan());
            return billing.checkout(caller.tenantId(), caller.principalId(), plan)
                    .map(Redirect::new);
        });
    }

    @PostMapping("/api/tenant/billing/portal")
    Mono<Redirect> portal(ServerWebExchange exchange) {
        return owner(exchange)
                .flatMap(caller -> billing.portal(caller.tenantId()))
                .map(Redirect::new);
    }

    /** 204 once applied, or when it had been (a redelivery) or is not one billing acts on. */
    @PostMapping("/api/tenant/billing/stripe-webhook")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> webhook(
            @RequestBody String payload, @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        return webhooks.receive(payload, signature).then();
    }

    /** Paying is the owners' business ({@link Permission#BILLING}): admins configure, but do not buy. */
    private static Mono<Caller> owner(ServerWebExchange exchange) {
        return Access.to(exchange, Permission.BILLING);
    }
}
