package dev.parley.tenant.billing;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Rows;
import dev.parley.tenant.plan.Plan;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What an owner does about paying: start a Stripe Checkout for a plan, open Stripe's customer
 * portal (card, plan change, cancelling), and read the subscription and invoices the webhooks
 * recorded ({@link StripeWebhooks}). stripe-java blocks on its HTTP calls, so they run on the
 * bounded elastic scheduler, never on an event loop, and never inside a database transaction.
 */
@Component
public class Billing {

    private static final Logger log = LoggerFactory.getLogger(Billing.class);

    /** Stripe subscription statuses that are a subscription still running: no second checkout. */
    static final Set<String> RUNNING = Set.of("active", "trialing", "past_due", "unpaid", "incomplete", "paused");

    private final BillingProperties properties;
    private final @Nullable StripeClient stripe;
    private final TenantTransactions transactions;
    private final DatabaseClient db;
    private final String consoleUrl;

    Billing(
            BillingProperties properties,
            TenantTransactions transactions,
            DatabaseClient db,
            @Value("${parley.console-url:http://localhost:8080/console}") String consoleUrl) {
        this.properties = properties;
        this.stripe = properties.enabled() ? client(properties) : null;
        this.transactions = transactions;
        this.db = db;
        this.consoleUrl = consoleUrl;
    }

    static StripeClient client(BillingProperties properties) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(properties.apiKey())
                .setConnectTimeout(5_000)
                .setReadTimeout(20_000)
                // stripe-java retries with idempotency keys, so a retried create makes one object.
                .setMaxNetworkRetries(2);
        String base = properties.apiBase();
        if (base != null && !base.isBlank()) {
            builder.setApiBase(base);
        }
        return builder.build();
    }

    /**
     * A tenant's Stripe customer and subscription as the webhooks last told them.
     *
     * @param subscriptionStatus Stripe's, e.g. {@code active}, {@code past_due}, {@code canceled};
     *     null before the first subscription
     */
    public record Account(
            String customerId,
            @Nullable String subscriptionId,
            @Nullable String subscriptionStatus,
            @Nullable String plan,
            boolean cancelAtPeriodEnd,
            @Nullable Instant currentPeriodEnd) {}

    public record Invoice(
            String id,
            @Nullable String number,
            String status,
            String currency,
            long amountDueCents,
            long amountPaidCents,
            @Nullable String url,
            @Nullable Instant periodStart,
            @Nullable Instant periodEnd,
            Instant createdAt) {}

    public record Overview(boolean enabled, @Nullable Account account, List<Invoice> invoices) {}

    /** Where to send the owner to pay for {@code plan}: Stripe's hosted checkout page. */
    public Mono<URI> checkout(UUID tenantId, UUID ownerId, Plan plan) {
        StripeClient client = require();
        String price = properties.prices().get(plan.code());
        if (price == null || price.isBlank()) {
            return Mono.error(new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE, "billing_unavailable", "This plan cannot be bought online yet"));
        }
        return transactions
                .inTenant(tenantId, () -> account(tenantId).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(existing -> {
                    // A row without a status is a checkout left unpaid: buying again is fine.
                    if (existing.map(Account::subscriptionStatus)
                            .filter(RUNNING::contains)
                            .isPresent()) {
                        return Mono.error(ApiException.conflict(
                                "already_subscribed",
                                "There is a subscription already: change its plan or card in the billing portal"));
                    }
                    return existing.map(account -> Mono.just(account.customerId()))
                            .orElseGet(() ->
                                    buyer(tenantId, ownerId).flatMap(buyer -> createCustomer(client, tenantId, buyer)));
                })
                .flatMap(customer -> blocking(() -> client.v1()
                        .checkout()
                        .sessions()
                        .create(SessionCreateParams.builder()
                                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                                .setCustomer(customer)
                                .setClientReferenceId(tenantId.toString())
                                .addLineItem(SessionCreateParams.LineItem.builder()
                                        .setPrice(price)
                                        .setQuantity(1L)
                                        .build())
                                .putMetadata("tenant_id", tenantId.toString())
                                .putMetadata("plan", plan.code())
                                .setSuccessUrl(consoleUrl + "#billing=paid")
                                .setCancelUrl(consoleUrl + "#billing")
                                .build())))
                .map(session -> URI.create(session.getUrl()));
    }

    /** Where the owner changes card or plan, or cancels: Stripe's customer portal. */
    public Mono<URI> portal(UUID tenantId) {
        StripeClient client = require();
        return transactions
                .inTenant(tenantId, () -> account(tenantId))
                .switchIfEmpty(Mono.error(ApiException.conflict(
                        "no_subscription", "Choose a plan first: there is nothing to manage yet")))
                .flatMap(account -> blocking(() -> client.v1()
                        .billingPortal()
                        .sessions()
                        .create(com.stripe.param.billingportal.SessionCreateParams.builder()
                                .setCustomer(account.customerId())
                                .setReturnUrl(consoleUrl + "#billing")
                                .build())))
                .map(session -> URI.create(session.getUrl()));
    }

    /** The subscription and the newest invoices, from what the webhooks recorded. */
    public Mono<Overview> overview(UUID tenantId) {
        return transactions.inTenant(tenantId, () -> account(tenantId)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .zipWith(invoices(tenantId).collectList())
                .map(both -> new Overview(properties.enabled(), both.getT1().orElse(null), both.getT2())));
    }

    /** The tenant's billing account; empty before its first checkout. In the caller's tenant transaction. */
    Mono<Account> account(UUID tenantId) {
        return db.sql("select customer_id, subscription_id, subscription_status, plan, cancel_at_period_end,"
                        + " current_period_end from billing_account where tenant_id = $1")
                .bind(0, tenantId)
                .map(row -> new Account(
                        Rows.get(row, "customer_id", String.class),
                        row.get("subscription_id", String.class),
                        row.get("subscription_status", String.class),
                        row.get("plan", String.class),
                        Rows.get(row, "cancel_at_period_end", Boolean.class),
                        row.get("current_period_end", Instant.class)))
                .one();
    }

    private reactor.core.publisher.Flux<Invoice> invoices(UUID tenantId) {
        return db.sql("select id, number, status, currency, amount_due_cents, amount_paid_cents, hosted_url,"
                        + " period_start, period_end, created_at from invoice where tenant_id = $1"
                        + " order by created_at desc, id limit 24")
                .bind(0, tenantId)
                .map(row -> new Invoice(
                        Rows.get(row, "id", String.class),
                        row.get("number", String.class),
                        Rows.get(row, "status", String.class),
                        Rows.get(row, "currency", String.class),
                        Rows.get(row, "amount_due_cents", Long.class),
                        Rows.get(row, "amount_paid_cents", Long.class),
                        row.get("hosted_url", String.class),
                        row.get("period_start", Instant.class),
                        row.get("period_end", Instant.class),
                        Rows.get(row, "created_at", Instant.class)))
                .all();
    }

    /**
     * The tenant's Stripe customer, made once: the idempotency key makes a repeated or concurrent
     * first checkout get the same customer from Stripe, and the insert keeps the first one stored.
     */
    private Mono<String> createCustomer(StripeClient client, UUID tenantId, Buyer buyer) {
        return blocking(() -> client.v1()
                        .customers()
                        .create(
                                CustomerCreateParams.builder()
                                        .setName(buyer.businessName())
                                        .setEmail(buyer.email())
                                        .putMetadata("tenant_id", tenantId.toString())
                                        .build(),
                                RequestOptions.builder()
                                        .setIdempotencyKey("parley-customer-" + tenantId)
                                        .build()))
                .map(Customer::getId)
                .flatMap(customer -> transactions.inTenant(
                        tenantId, () -> db.sql("insert into billing_account (tenant_id, customer_id) values ($1, $2)"
                                        + " on conflict (tenant_id) do nothing")
                                .bind(0, tenantId)
                                .bind(1, customer)
                                .then()
                                .then(account(tenantId))
                                .map(Account::customerId)))
                .doOnNext(customer -> log.info("tenant {} is Stripe customer {}", tenantId, customer));
    }

    /** Who the Stripe customer is: the business, billed to the owner who first paid. */
    private record Buyer(String businessName, String email) {}

    private Mono<Buyer> buyer(UUID tenantId, UUID ownerId) {
        return transactions.inTenant(tenantId, () -> db.sql(
                        "select t.name, u.email from tenant t join app_user u on u.tenant_id = t.id"
                                + " where t.id = $1 and u.id = $2")
                .bind(0, tenantId)
                .bind(1, ownerId)
                .map(row -> new Buyer(Rows.get(row, "name", String.class), Rows.get(row, "email", String.class)))
                .one());
    }

    private StripeClient require() {
        StripeClient client = stripe;
        if (client == null) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE, "billing_unavailable", "Paying online is not set up here");
        }
        return client;
    }

    /** A stripe-java call off the event loop; Stripe's refusals become answers, not 500s. */
    static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic()).onErrorMap(StripeException.class, e -> {
            log.warn("Stripe refused a request: {} {}", e.getClass().getSimpleName(), e.getMessage());
            return e instanceof ApiConnectionException
                    ? new ApiException(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "billing_unavailable",
                            "The payment provider cannot be reached")
                    : new ApiException(
                            HttpStatus.BAD_GATEWAY,
                            "billing_provider_error",
                            "The payment provider refused the request");
        });
    }

    /** The plan a Stripe price is the monthly price of; null for a price no plan is configured with. */
    @Nullable
    String planOfPrice(@Nullable String priceId) {
        return properties.prices().entrySet().stream()
                .filter(entry -> entry.getValue().equals(priceId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }
}
