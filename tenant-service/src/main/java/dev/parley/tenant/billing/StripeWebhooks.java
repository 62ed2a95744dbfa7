package dev.parley.tenant.billing;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Rows;
import dev.parley.tenant.snapshot.TenantSnapshots;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stripe's events, received at the webhook endpoint: each verified against its {@code
 * Stripe-Signature} (stripe-java's {@link Webhook}, five minutes' tolerance), applied at most once
 * (its id is stored in the transaction of its effect, so a redelivery changes nothing), and
 * ordered by its creation time (Stripe does not promise order: an event older than the last one
 * applied to the subscription does not move it back).
 *
 * <p>The state machine is Stripe's subscription status mirrored, and the tenant's standing
 * derived from it: {@code active}/{@code trialing} → {@code ACTIVE} on the subscription's plan;
 * {@code past_due} → {@code PAST_DUE} (chats still served: the grace period while Stripe retries
 * the card); {@code unpaid}, {@code canceled}, {@code incomplete_expired}, {@code paused} → {@code
 * EXPIRED} (the offline form; owners can still sign in and choose a plan). {@code incomplete}
 * changes nothing. A tenant an operator suspended or closed stays so.
 */
@Component
public class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    private final BillingProperties properties;
    private final Billing billing;
    private final TenantTransactions transactions;
    private final DatabaseClient db;
    private final TenantSnapshots snapshots;

    StripeWebhooks(
            BillingProperties properties,
            Billing billing,
            TenantTransactions transactions,
            DatabaseClient db,
            TenantSnapshots snapshots) {
        this.properties = properties;
        this.billing = billing;
        this.transactions = transactions;
        this.db = db;
        this.snapshots = snapshots;
    }

    /** What an event did: applied, already applied (a redelivery), or not ours to apply. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        IGNORED
    }

    /**
     * Verifies and applies one delivery. 400 {@code bad_signature} when the signature does not
     * match the payload under the endpoint's secret (or is too old), and then nothing is read.
     */
    public Mono<Outcome> receive(String payload, @Nullable String signature) {
        String secret = properties.webhookSecret();
        if (!properties.enabled() || secret == null) {
            return Mono.error(new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE, "billing_unavailable", "Billing is not set up here"));
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature == null ? "" : signature, secret);
        } catch (SignatureVerificationException e) {
            log.warn("Stripe webhook refused: {}", e.getMessage());
            return Mono.error(ApiException.badRequest(
                    "bad_signature", "The Stripe-Signature header does not match this payload"));
        } catch (RuntimeException e) {
            // Signed by the secret, so from Stripe, yet not an event (Gson's parse failure).
            return Mono.error(ApiException.badRequest("malformed_event", "The payload is not a Stripe event"));
        }
        StripeObject object = object(event);
        String customer =
                switch (object) {
                    case Session session -> session.getCustomer();
                    case Subscription subscription -> subscription.getCustomer();
                    case Invoice invoice -> invoice.getCustomer();
                    case null, default -> null;
                };
        if (customer == null) {
            log.debug("Stripe event {} ({}) is not one billing acts on", event.getId(), event.getType());
            return Mono.just(Outcome.IGNORED);
        }
        return db.sql("select tenant_of_customer($1) as tenant_id")
                .bind(0, customer)
                .map(row -> java.util.Optional.ofNullable(row.get("tenant_id", UUID.class)))
                .one()
                .flatMap(tenant -> tenant.map(id -> transactions.inTenant(id, () -> once(id, event, object)))
                        .orElseGet(() -> {
                            // Another system's customer on the same account, or one whose checkout we
                            // never recorded: acknowledged, so Stripe does not retry it for days.
                            log.info("Stripe event {} names customer {}, no tenant's", event.getId(), customer);
                            return Mono.just(Outcome.IGNORED);
                        }));
    }

    private Mono<Outcome> once(UUID tenantId, Event event, StripeObject object) {
        return db.sql("insert into billing_event (tenant_id, id, type) values ($1, $2, $3) on conflict do nothing")
                .bind(0, tenantId)
                .bind(1, event.getId())
                .bind(2, event.getType())
                .fetch()
                .rowsUpdated()
                .flatMap(inserted -> inserted == 0
                        ? Mono.just(Outcome.DUPLICATE)
                        : apply(tenantId, event, object).thenReturn(Outcome.APPLIED))
                .doOnNext(outcome -> log.info(
                        "Stripe event {} {} for tenant {}: {}", event.getType(), event.getId(), tenantId, outcome));
    }

    private Mono<Void> apply(UUID tenantId, Event event, StripeObject object) {
        Instant created = Instant.ofEpochSecond(event.getCreated());
        return switch (event.getType()) {
            case "checkout.session.completed" -> {
                Session session = (Session) object;
                // Paid at checkout: the subscription runs, whether or not its own events came yet.
                yield session.getSubscription() == null || !"paid".equals(session.getPaymentStatus())
                        ? Mono.empty()
                        : move(
                                tenantId,
                                new State(
                                        session.getSubscription(),
                                        "active",
                                        session.getMetadata() == null
                                                ? null
                                                : session.getMetadata().get("plan"),
                                        null,
                                        null,
                                        true),
                                created);
            }
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" -> {
                Subscription subscription = (Subscription) object;
                SubscriptionItem item = subscription.getItems() == null
                                || subscription.getItems().getData().isEmpty()
                        ? null
                        : subscription.getItems().getData().getFirst();
                yield move(
                        tenantId,
                        new State(
                                subscription.getId(),
                                event.getType().endsWith(".deleted") ? "canceled" : subscription.getStatus(),
                                item == null || item.getPrice() == null
                                        ? null
                                        : billing.planOfPrice(item.getPrice().getId()),
                                subscription.getCancelAtPeriodEnd(),
                                item == null || item.getCurrentPeriodEnd() == null
                                        ? null
                                        : Instant.ofEpochSecond(item.getCurrentPeriodEnd()),
                                event.getType().endsWith(".created")),
                        created);
            }
            case "invoice.paid", "invoice.payment_failed" -> {
                Invoice invoice = (Invoice) object;
                String subscription =
                        invoice.getParent() == null || invoice.getParent().getSubscriptionDetails() == null
                                ? null
                                : invoice.getParent().getSubscriptionDetails().getSubscription();
                boolean paid = event.getType().equals("invoice.paid");
                yield record(tenantId, invoice)
                        .then(
                                subscription == null
                                        ? Mono.empty()
                                        : billing.account(tenantId)
                                                .filter(account -> subscription.equals(account.subscriptionId()))
                                                // A paid invoice ends a payment problem; a failed one starts one.
                                                .filter(account -> paid
                                                        ? "past_due".equals(account.subscriptionStatus())
                                                                || "unpaid".equals(account.subscriptionStatus())
                                                        : "active".equals(account.subscriptionStatus()))
                                                .flatMap(account -> move(
                                                        tenantId,
                                                        new State(
                                                                subscription,
                                                                paid ? "active" : "past_due",
                                                                null,
                                                                null,
                                                                null,
                                                                false),
                                                        created)));
            }
            default -> Mono.empty();
        };
    }

    /**
     * What an event says of the subscription; null fields say nothing.
     *
     * @param starts whether it names a subscription that may replace the one stored (a new
     *     checkout after a cancelled plan), rather than only update it
     */
    record State(
            String subscriptionId,
            String status,
            @Nullable String plan,
            @Nullable Boolean cancelAtPeriodEnd,
            @Nullable Instant currentPeriodEnd,
            boolean starts) {}

    private Mono<Void> move(UUID tenantId, State state, Instant created) {
        // One statement decides: the event applies if no newer one did, and it is about the
        // stored subscription, or starts one where the stored one ended (or none is stored).
        return db.sql("""
                        update billing_account set
                            subscription_id = $2,
                            subscription_status = $3,
                            plan = coalesce($4, plan),
                            cancel_at_period_end = coalesce($5, cancel_at_period_end),
                            current_period_end = coalesce($6, current_period_end),
                            event_created_at = $7,
                            updated_at = now()
                        where tenant_id = $1
                          and (event_created_at is null or event_created_at <= $7)
                          and (subscription_id is null or subscription_id = $2
                               or ($8 and subscription_status in ('canceled', 'incomplete_expired')))
                        returning plan, subscription_status""")
                .bind(0, tenantId)
                .bind(1, state.subscriptionId())
                .bind(2, state.status())
                .bind(3, Parameter.fromOrEmpty(state.plan(), String.class))
                .bind(4, Parameter.fromOrEmpty(state.cancelAtPeriodEnd(), Boolean.class))
                .bind(5, Parameter.fromOrEmpty(state.currentPeriodEnd(), Instant.class))
                .bind(6, created)
                .bind(7, state.starts())
                .map(row ->
                        new Standing(row.get("plan", String.class), Rows.get(row, "subscription_status", String.class)))
                .one()
                .flatMap(standing -> standTenant(tenantId, standing));
    }

    private record Standing(@Nullable String plan, String subscriptionStatus) {}

    /** The tenant's plan and status from its subscription's; a snapshot when they changed. */
    private Mono<Void> standTenant(UUID tenantId, Standing standing) {
        TenantUpdated.Status status =
                switch (standing.subscriptionStatus()) {
                    case "active", "trialing" -> TenantUpdated.Status.ACTIVE;
                    case "past_due" -> TenantUpdated.Status.PAST_DUE;
                    case "unpaid", "canceled", "incomplete_expired", "paused" -> TenantUpdated.Status.EXPIRED;
                    default -> null;
                };
        if (status == null) {
            return Mono.empty();
        }
        return db.sql("update tenant set status = $2, plan = coalesce($3, plan) where id = $1"
                        + " and status not in ('SUSPENDED', 'CANCELLED')"
                        + " and (status <> $2 or plan is distinct from coalesce($3, plan))")
                .bind(0, tenantId)
                .bind(1, status.name())
                .bind(2, Parameter.fromOrEmpty(standing.plan(), String.class))
                .fetch()
                .rowsUpdated()
                .filter(updated -> updated > 0)
                .flatMap(updated -> {
                    log.info("tenant {} is now {} on plan {}", tenantId, status, standing.plan());
                    return snapshots.publish(tenantId);
                })
                .then();
    }

    private Mono<Void> record(UUID tenantId, Invoice invoice) {
        // A paid invoice stays paid whatever arrives late about it.
        return db.sql("""
                        insert into invoice (tenant_id, id, number, status, currency, amount_due_cents,
                                             amount_paid_cents, hosted_url, period_start, period_end, created_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        on conflict (tenant_id, id) do update set
                            number = excluded.number,
                            status = case when invoice.status = 'paid' then invoice.status else excluded.status end,
                            amount_paid_cents = greatest(invoice.amount_paid_cents, excluded.amount_paid_cents),
                            hosted_url = excluded.hosted_url""")
                .bind(0, tenantId)
                .bind(1, invoice.getId())
                .bind(2, Parameter.fromOrEmpty(invoice.getNumber(), String.class))
                .bind(3, invoice.getStatus() == null ? "open" : invoice.getStatus())
                .bind(4, invoice.getCurrency() == null ? "eur" : invoice.getCurrency())
                .bind(5, invoice.getAmountDue() == null ? 0L : invoice.getAmountDue())
                .bind(6, invoice.getAmountPaid() == null ? 0L : invoice.getAmountPaid())
                .bind(7, Parameter.fromOrEmpty(invoice.getHostedInvoiceUrl(), String.class))
                .bind(8, Parameter.fromOrEmpty(seconds(invoice.getPeriodStart()), Instant.class))
                .bind(9, Parameter.fromOrEmpty(seconds(invoice.getPeriodEnd()), Instant.class))
                .bind(10, invoice.getCreated() == null ? Instant.now() : Instant.ofEpochSecond(invoice.getCreated()))
                .then();
    }

    private static @Nullable Instant seconds(@Nullable Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }

    /** The event's object; read even when the event was written for another API version than stripe-java's. */
    private static @Nullable StripeObject object(Event event) {
        var data = event.getDataObjectDeserializer();
        return data.getObject().orElseGet(() -> {
            try {
                return data.deserializeUnsafe();
            } catch (EventDataObjectDeserializationException e) {
                log.warn("Stripe event {} ({}) could not be read: {}", event.getId(), event.getType(), e.getMessage());
                return null;
            }
        });
    }
}
