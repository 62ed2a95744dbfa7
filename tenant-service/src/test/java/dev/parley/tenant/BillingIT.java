package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.PASSWORD;
import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.okBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.infra.StripeNode;
import dev.parley.tenant.TenantClient.Tenant;
import dev.parley.tenant.billing.StripeWebhooks;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Paying as an owner does, through stripe-java against the local Stripe stand-in: Checkout's page
 * takes a test card, the stand-in's signed webhooks make the tenant active on its plan; the portal
 * changes the card and cancels; a failed renewal is a grace period, a cancelled one ends service;
 * a redelivered or late event changes nothing; a wrong signature is refused and changes nothing.
 */
class BillingIT extends TenantIT {

    private static final StripeNode STRIPE = EmbeddedInfrastructure.shared().stripe();
    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    @Autowired
    StripeWebhooks webhooks;

    @BeforeEach
    void webhooksComeHere() {
        STRIPE.deliverTo(URI.create("http://localhost:" + port + "/api/tenant/billing/stripe-webhook"));
    }

    @AfterAll
    static void closeBrowser() {
        BROWSER.close();
    }

    @Test
    void anOwnerPaysAtCheckoutAndTheSignedWebhooksMakeTheTenantActiveOnThePlan() throws Exception {
        Tenant acme = tenants.signUp("Acme paying");
        String checkout = checkoutUrl(acme, "starter");
        assertThat(checkout).startsWith(STRIPE.apiBase() + "/pay/cs_test_");

        // The page a customer sees, and a declined card: nothing happens.
        HttpResponse<String> page = BROWSER.send(
                HttpRequest.newBuilder(URI.create(checkout)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Parley Starter").contains("EUR 19.00");
        HttpResponse<String> declined =
                submit(checkout, Map.of("card", "4000 0000 0000 0002", "exp", "12/30", "cvc", "123"));
        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(declined.body()).contains("Your card was declined.");
        assertThat(account(acme).get("status")).isEqualTo("TRIAL");
        // Left unpaid, the checkout may be started again: the customer exists, no subscription yet.
        assertThat(checkoutUrl(acme, "starter"))
                .startsWith(STRIPE.apiBase() + "/pay/cs_test_")
                .isNotEqualTo(checkout);

        HttpResponse<String> paid =
                submit(checkout, Map.of("card", "4242 4242 4242 4242", "exp", "12/30", "cvc", "123"));
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console#billing=paid"));

        Map<?, ?> account = awaitAccount(acme, a -> a.get("status").equals("ACTIVE"));
        assertThat(((Map<?, ?>) account.get("plan")).get("code")).isEqualTo("starter");
        assertThat(account.get("takesChats")).isEqualTo(true);
        assertThat(account.get("seats")).isEqualTo(3);
        assertThat(account.get("trialDaysLeft")).isNull();

        Map<?, ?> billing = awaitBilling(acme, b -> !invoices(b).isEmpty());
        Map<?, ?> subscription = (Map<?, ?>) billing.get("account");
        assertThat(subscription.get("subscriptionStatus")).isEqualTo("active");
        assertThat(subscription.get("plan")).isEqualTo("starter");
        assertThat(subscription.get("currentPeriodEnd")).isNotNull();
        Map<?, ?> invoice = invoices(billing).getFirst();
        assertThat(invoice.get("status")).isEqualTo("paid");
        assertThat(invoice.get("amountPaidCents")).isEqualTo(1900);
        assertThat(invoice.get("currency")).isEqualTo("eur");
        assertThat((String) invoice.get("url")).startsWith(STRIPE.apiBase() + "/invoices/in_");

        // A running subscription is changed in the portal, not bought twice.
        isError(
                tenants.post(acme.owner(), "/api/tenant/billing/checkout", Map.of("plan", "pro")),
                HttpStatus.CONFLICT,
                "already_subscribed");
    }

    @Test
    void aFailedRenewalIsAGracePeriodAndANewCardInThePortalEndsIt() throws Exception {
        Tenant acme = tenants.signUp("Acme past due");
        String subscription = subscribe(acme, "pro");
        String portal = portalUrl(acme);
        assertThat(portal).startsWith(STRIPE.apiBase() + "/portal/bps_");

        // A card that saves but cannot be charged; then the period ends and Stripe charges it.
        assertThat(submit(portal + "/card", Map.of("card", "4000000000000341")).statusCode())
                .isEqualTo(303);
        STRIPE.endPeriod(subscription);
        Map<?, ?> pastDue = awaitAccount(acme, a -> a.get("status").equals("PAST_DUE"));
        assertThat(pastDue.get("takesChats"))
                .as("the grace period still serves chats")
                .isEqualTo(true);
        Map<?, ?> billing = awaitBilling(
                acme, b -> invoices(b).stream().anyMatch(i -> i.get("status").equals("open")));
        assertThat(((Map<?, ?>) billing.get("account")).get("subscriptionStatus"))
                .isEqualTo("past_due");

        // The owner puts in a good card: Stripe charges the open invoice again, and it is paid.
        assertThat(submit(portal + "/card", Map.of("card", "4242424242424242")).statusCode())
                .isEqualTo(303);
        awaitAccount(acme, a -> a.get("status").equals("ACTIVE"));
        Map<?, ?> recovered = awaitBilling(
                acme, b -> invoices(b).stream().allMatch(i -> i.get("status").equals("paid")));
        assertThat(invoices(recovered)).hasSize(2);

        // The failure delivered again (as Stripe does when unsure it arrived): applied once, so nothing changes.
        StripeNode.Event failure = eventsOf(acme, "invoice.payment_failed").getFirst();
        assertThat(webhooks.receive(failure.body(), STRIPE.signatureFor(failure.body(), Instant.now()))
                        .block())
                .isEqualTo(StripeWebhooks.Outcome.DUPLICATE);
        int deliveries = STRIPE.deliveries().size();
        STRIPE.redeliver(failure.id());
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> STRIPE.deliveries().size() > deliveries);
        assertThat(STRIPE.deliveries().getLast().status()).isEqualTo(204);
        assertThat(account(acme).get("status")).isEqualTo("ACTIVE");
        assertThat(invoices(okBody(tenants.get(acme.owner(), "/api/tenant/billing"))))
                .allMatch(i -> i.get("status").equals("paid"));
    }

    @Test
    void aPlanCancelledInThePortalRunsToTheEndOfItsPeriodThenTheWidgetGoesOffline() throws Exception {
        Tenant acme = tenants.signUp("Acme leaving");
        String subscription = subscribe(acme, "starter");
        String portal = portalUrl(acme);

        assertThat(submit(portal + "/cancel", Map.of()).statusCode()).isEqualTo(303);
        awaitBilling(acme, b -> Boolean.TRUE.equals(((Map<?, ?>) b.get("account")).get("cancelAtPeriodEnd")));
        assertThat(account(acme).get("status")).as("paid until the period ends").isEqualTo("ACTIVE");

        STRIPE.endPeriod(subscription);
        Map<?, ?> ended = awaitAccount(acme, a -> a.get("status").equals("EXPIRED"));
        assertThat(ended.get("takesChats")).isEqualTo(false);
        // The owner still signs in, and may buy again: a new subscription replaces the ended one.
        okBody(tenants.login(acme.email(), PASSWORD));
        String again = subscribe(acme, "pro");
        assertThat(again).isNotEqualTo(subscription);
        Map<?, ?> back = awaitAccount(acme, a -> a.get("status").equals("ACTIVE"));
        assertThat(((Map<?, ?>) back.get("plan")).get("code")).isEqualTo("pro");

        // The old subscription's deletion arriving again, as a new event (ids differ, Stripe does
        // not promise order): it is about a subscription that is no longer the tenant's.
        StripeNode.Event deleted =
                eventsOf(acme, "customer.subscription.deleted").getFirst();
        String replayed = deleted.body()
                .replace(deleted.id(), "evt_late" + UUID.randomUUID().toString().replace("-", ""));
        assertThat(webhooks.receive(replayed, STRIPE.signatureFor(replayed, Instant.now()))
                        .block())
                .isEqualTo(StripeWebhooks.Outcome.APPLIED);
        assertThat(account(acme).get("status")).isEqualTo("ACTIVE");
    }

    @Test
    void aWebhookWithAWrongSignatureIsRefusedAndChangesNothing() throws Exception {
        Tenant acme = tenants.signUp("Acme forged");
        subscribe(acme, "starter");
        StripeNode.Event created =
                eventsOf(acme, "customer.subscription.created").getFirst();
        // What an attacker would like to say: the subscription ended.
        String forged = created.body()
                .replace(
                        created.id(),
                        "evt_forged" + UUID.randomUUID().toString().replace("-", ""))
                .replace("\"customer.subscription.created\"", "\"customer.subscription.deleted\"")
                .replace("\"status\":\"active\"", "\"status\":\"canceled\"");
        long now = Instant.now().getEpochSecond();
        String goodForOriginal = STRIPE.signatureFor(created.body(), Instant.now());

        for (String signature : List.of(
                "t=" + now + ",v1=" + "0".repeat(64), // made up
                goodForOriginal, // the signature of another payload
                STRIPE.signatureFor(forged, Instant.now().minus(Duration.ofHours(1))), // replayed late
                "")) {
            isError(webhook(forged, signature), HttpStatus.BAD_REQUEST, "bad_signature");
        }
        isError(webhook(forged, null), HttpStatus.BAD_REQUEST, "bad_signature");
        assertThat(account(acme).get("status")).isEqualTo("ACTIVE");
        assertThat(((Map<?, ?>) okBody(tenants.get(acme.owner(), "/api/tenant/billing"))
                                .get("account"))
                        .get("subscriptionStatus"))
                .isEqualTo("active");

        // Correctly signed, but about a customer no tenant has: acknowledged, so Stripe stops retrying.
        String stranger = created.body()
                .replace(
                        created.id(),
                        "evt_stranger" + UUID.randomUUID().toString().replace("-", ""))
                .replace("\"customer\":\"cus_", "\"customer\":\"cus_nobody");
        webhook(stranger, STRIPE.signatureFor(stranger, Instant.now()))
                .expectStatus()
                .isNoContent();
    }

    @Test
    void onlyOwnersPayAndOneTenantsEventsNeverReachAnother() throws Exception {
        Tenant acme = tenants.signUp("Acme owner only");
        Tenant globex = tenants.signUp("Globex bystander");
        for (String path : List.of("/api/tenant/billing/checkout", "/api/tenant/billing/portal")) {
            isError(tenants.post(acme.agent(), path, Map.of("plan", "starter")), HttpStatus.FORBIDDEN, "forbidden");
        }
        isError(tenants.get(acme.agent(), "/api/tenant/billing"), HttpStatus.FORBIDDEN, "forbidden");
        for (String plan : List.of("trial", "platinum", "")) {
            isError(
                    tenants.post(acme.owner(), "/api/tenant/billing/checkout", Map.of("plan", plan)),
                    HttpStatus.BAD_REQUEST,
                    "unknown_plan");
        }
        isError(
                tenants.post(acme.owner(), "/api/tenant/billing/portal", Map.of()),
                HttpStatus.CONFLICT,
                "no_subscription");

        subscribe(acme, "pro");
        awaitBilling(acme, b -> !invoices(b).isEmpty());
        Map<?, ?> bystander = okBody(tenants.get(globex.owner(), "/api/tenant/billing"));
        assertThat(bystander.get("account")).isNull();
        assertThat(invoices(bystander)).isEmpty();
        assertThat(account(globex).get("status")).isEqualTo("TRIAL");
        // The other tenant's id in the session changes nothing: the customer decides whose it is.
        assertThat(eventsOf(globex, "checkout.session.completed")).isEmpty();
    }

    // ---- helpers ----

    private String checkoutUrl(Tenant tenant, String plan) {
        return (String) okBody(tenants.post(tenant.owner(), "/api/tenant/billing/checkout", Map.of("plan", plan)))
                .get("url");
    }

    private String portalUrl(Tenant tenant) {
        return (String) okBody(tenants.post(tenant.owner(), "/api/tenant/billing/portal", Map.of()))
                .get("url");
    }

    /** Pays for {@code plan} with the good test card, once the tenant is active on it; the subscription's id. */
    private String subscribe(Tenant tenant, String plan) throws Exception {
        String checkout = checkoutUrl(tenant, plan);
        assertThat(submit(checkout, Map.of("card", StripeNode.CARD_OK, "exp", "12/30", "cvc", "123"))
                        .statusCode())
                .isEqualTo(303);
        awaitAccount(
                tenant,
                a -> a.get("status").equals("ACTIVE")
                        && ((Map<?, ?>) a.get("plan")).get("code").equals(plan));
        String session = checkout.substring(checkout.lastIndexOf('/') + 1);
        return STRIPE.subscriptionsOf(STRIPE.customerOfCheckout(session)).getLast();
    }

    private static HttpResponse<String> submit(String url, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = String.join(
                "&",
                form.entrySet().stream()
                        .map(field ->
                                field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                        .toList());
        return BROWSER.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec webhook(
            String payload, String signature) {
        var request = http().post().uri("/api/tenant/billing/stripe-webhook").contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request = request.header("Stripe-Signature", signature);
        }
        return request.bodyValue(payload).exchange();
    }

    private Map<?, ?> account(Tenant tenant) {
        return okBody(tenants.get(tenant.owner(), "/api/tenant/account"));
    }

    private Map<?, ?> awaitAccount(Tenant tenant, Predicate<Map<?, ?>> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> account(tenant), condition::test);
    }

    private Map<?, ?> awaitBilling(Tenant tenant, Predicate<Map<?, ?>> condition) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> okBody(tenants.get(tenant.owner(), "/api/tenant/billing")), condition::test);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> invoices(Map<?, ?> billing) {
        return (List<Map<?, ?>>) billing.get("invoices");
    }

    /** The stand-in's events of {@code type} about the tenant's customer, oldest first. */
    private List<StripeNode.Event> eventsOf(Tenant tenant, String type) {
        Map<?, ?> billing = okBody(tenants.get(tenant.owner(), "/api/tenant/billing"));
        Map<?, ?> account = (Map<?, ?>) billing.get("account");
        if (account == null) {
            return List.of();
        }
        String customer = (String) account.get("customerId");
        return STRIPE.events().stream()
                .filter(event ->
                        event.type().equals(type) && event.body().contains("\"customer\":\"" + customer + "\""))
                .toList();
    }
}
