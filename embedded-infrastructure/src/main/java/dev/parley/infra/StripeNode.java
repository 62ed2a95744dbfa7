package dev.parley.infra;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the part of Stripe's API Parley uses, in this JVM on a free loopback port:
 * stripe-java is pointed at it ({@code setApiBase}) in tests and the standalone, as it would be at
 * Stripe. It speaks Stripe's wire format (form-encoded requests, JSON objects, list envelopes,
 * error bodies, a Bearer secret key) for customers, Checkout Sessions in subscription mode,
 * customer-portal sessions, subscriptions and invoices; it serves the pages a customer sees
 * (the hosted checkout with a card form, the portal, hosted invoices); and it sends events to one
 * webhook endpoint signed with Stripe's {@code Stripe-Signature} scheme, in order, retried until
 * the endpoint answers 2xx — so what checks them is stripe-java's own verification.
 *
 * <p>Test cards behave as Stripe documents them: {@code 4242 4242 4242 4242} pays; {@code 4000
 * 0000 0000 0002} is declined; {@code 4000 0000 0000 0341} can be saved, but every charge to it
 * fails. What Stripe's test clocks do, {@link #endPeriod} does: the subscription's period ends now,
 * it renews (and charges) or, when cancelled at the period's end, ends.
 */
public final class StripeNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StripeNode.class);

    public static final String CARD_OK = "4242424242424242";
    public static final String CARD_DECLINED = "4000000000000002";
    public static final String CARD_FAILS_LATER = "4000000000000341";

    private static final Gson JSON = new GsonBuilder().serializeNulls().create();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String apiKey;
    private final String webhookSecret;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("stripe-standin-webhooks").factory());
    private final Map<String, Map<String, Object>> prices = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> customers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> checkouts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> portals = new ConcurrentHashMap<>();
    /** In the order made (creation times are whole seconds: two in one second would tie); guarded by {@link #lock}. */
    private final Map<String, Map<String, Object>> subscriptions = new LinkedHashMap<>();
    /** In the order made; guarded by {@link #lock}. */
    private final Map<String, Map<String, Object>> invoices = new LinkedHashMap<>();
    /** The card saved on each customer, by customer id. */
    private final Map<String, String> cards = new ConcurrentHashMap<>();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger invoiceNumbers = new AtomicInteger();
    private final Object lock = new Object();
    private volatile @Nullable URI endpoint;

    /** An event as sent: its id, type and the exact JSON body that was signed. */
    public record Event(String id, String type, String body) {}

    /** One attempt to deliver an event; {@code status} 0 when the endpoint could not be reached. */
    public record Delivery(String eventId, String type, int status) {}

    private StripeNode(HttpServer server, String apiKey, String webhookSecret) {
        this.server = server;
        this.apiKey = apiKey;
        this.webhookSecret = webhookSecret;
    }

    public static StripeNode start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StripeNode node = new StripeNode(server, "sk_test_" + token(24), "whsec_" + token(32));
            server.createContext("/", node::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("Stripe stand-in did not start", e);
        }
    }

    /** What stripe-java's {@code setApiBase} takes. */
    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The secret key the API accepts (a new one every start). */
    public String apiKey() {
        return apiKey;
    }

    /** The webhook endpoint's signing secret (a new one every start). */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** Where events go from now on; events sent while there was none are delivered now, in order. */
    public void deliverTo(URI webhookEndpoint) {
        this.endpoint = webhookEndpoint;
        List<Event> sent = List.copyOf(events);
        List<String> delivered = deliveries.stream()
                .filter(delivery -> delivery.status() / 100 == 2)
                .map(Delivery::eventId)
                .toList();
        sent.stream().filter(event -> !delivered.contains(event.id())).forEach(this::enqueue);
    }

    /** A recurring monthly price, as made in Stripe's dashboard; its id. */
    public String createPrice(String lookupKey, String product, long unitAmount, String currency) {
        String id = "price_" + token(14);
        Map<String, Object> price = object("price", id);
        price.put("lookup_key", lookupKey);
        price.put("product", "prod_" + lookupKey);
        price.put("nickname", product);
        price.put("unit_amount", unitAmount);
        price.put("currency", currency.toLowerCase(Locale.ROOT));
        price.put("type", "recurring");
        price.put("recurring", Map.of("interval", "month", "interval_count", 1));
        price.put("active", true);
        prices.put(id, price);
        return id;
    }

    /** Every event sent so far, oldest first. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** Every delivery attempt so far, oldest first. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Sends an event again, signed anew, as Stripe does when it retries or one asks it to resend. */
    public void redeliver(String eventId) {
        events.stream().filter(event -> event.id().equals(eventId)).findFirst().ifPresentOrElse(this::enqueue, () -> {
            throw new IllegalArgumentException("no event " + eventId);
        });
    }

    /** The subscriptions of a customer's, newest last. */
    public List<String> subscriptionsOf(String customerId) {
        synchronized (lock) {
            return subscriptions.values().stream()
                    .filter(subscription -> customerId.equals(subscription.get("customer")))
                    .map(subscription -> (String) subscription.get("id"))
                    .toList();
        }
    }

    /** The customer of a Checkout Session, once it has one. */
    public @Nullable String customerOfCheckout(String checkoutSessionId) {
        Map<String, Object> session = checkouts.get(checkoutSessionId);
        return session == null ? null : (String) session.get("customer");
    }

    /**
     * What a test clock's advance does: the subscription's period ends now. A subscription set to
     * cancel at the period's end is cancelled; any other is renewed and its card charged.
     */
    public void endPeriod(String subscriptionId) {
        synchronized (lock) {
            Map<String, Object> subscription = required(subscriptions, subscriptionId);
            if ("canceled".equals(subscription.get("status"))) {
                return;
            }
            if (Boolean.TRUE.equals(subscription.get("cancel_at_period_end"))) {
                subscription.put("status", "canceled");
                subscription.put("canceled_at", now());
                subscription.put("ended_at", now());
                emit("customer.subscription.deleted", subscription);
                return;
            }
            long start = now();
            long end = ZonedDateTime.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC)
                    .plusMonths(1)
                    .toEpochSecond();
            Map<String, Object> item = item(subscription);
            item.put("current_period_start", start);
            item.put("current_period_end", end);
            charge(subscription, invoice(subscription, start, end));
        }
    }

    // ---- the API ----

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> form = form(exchange);
            if (path.startsWith("/v1/")) {
                if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    error(exchange, 401, "invalid_request_error", null, "Invalid API Key provided.", null);
                    return;
                }
                api(exchange, method, path, form);
            } else {
                page(exchange, method, path, form);
            }
        } catch (Refused e) {
            error(exchange, e.status, "invalid_request_error", e.code, e.getMessage(), e.param);
        } catch (RuntimeException e) {
            log.warn("Stripe stand-in failed on {}", exchange.getRequestURI(), e);
            error(exchange, 500, "api_error", null, "The stand-in failed: " + e, null);
        } finally {
            exchange.close();
        }
    }

    private void api(HttpExchange exchange, String method, String path, Map<String, String> form) throws IOException {
        String[] parts = path.substring("/v1/".length()).split("/");
        String route = method + " " + String.join("/", parts);
        synchronized (lock) {
            if (route.equals("POST customers")) {
                json(exchange, 200, createCustomer(form));
            } else if (route.equals("POST checkout/sessions")) {
                json(exchange, 200, createCheckout(form));
            } else if (method.equals("GET") && parts.length == 3 && path.startsWith("/v1/checkout/sessions/")) {
                json(exchange, 200, required(checkouts, parts[2]));
            } else if (route.equals("POST billing_portal/sessions")) {
                json(exchange, 200, createPortal(form));
            } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("subscriptions")) {
                json(exchange, 200, required(subscriptions, parts[1]));
            } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("prices")) {
                json(exchange, 200, required(prices, parts[1]));
            } else if (route.equals("GET invoices")) {
                json(exchange, 200, listInvoices(query(exchange)));
            } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("invoices")) {
                json(exchange, 200, required(invoices, parts[1]));
            } else {
                error(exchange, 404, "invalid_request_error", null, "Unrecognized request URL (" + route + ").", null);
            }
        }
    }

    private Map<String, Object> createCustomer(Map<String, String> form) {
        Map<String, Object> customer = object("customer", "cus_" + token(14));
        customer.put("email", form.get("email"));
        customer.put("name", form.get("name"));
        customer.put("metadata", metadata(form, "metadata"));
        customer.put("created", now());
        customers.put((String) customer.get("id"), customer);
        return customer;
    }

    private Map<String, Object> createCheckout(Map<String, String> form) {
        if (!"subscription".equals(form.get("mode"))) {
            throw Refused.invalid("mode", "The stand-in only makes Checkout Sessions in subscription mode.");
        }
        String customer = form.get("customer");
        if (customer == null || !customers.containsKey(customer)) {
            throw Refused.missing("customer", "No such customer: '" + customer + "'");
        }
        String priceId = form.get("line_items[0][price]");
        if (priceId == null || !prices.containsKey(priceId)) {
            throw Refused.missing("line_items[0][price]", "No such price: '" + priceId + "'");
        }
        for (String url : List.of("success_url", "cancel_url")) {
            if (form.get(url) == null) {
                throw Refused.invalid(url, "Missing required param: " + url + ".");
            }
        }
        String id = "cs_test_" + token(24);
        Map<String, Object> session = object("checkout.session", id);
        Map<String, Object> price = prices.get(priceId);
        session.put("mode", "subscription");
        session.put("status", "open");
        session.put("payment_status", "unpaid");
        session.put("customer", customer);
        session.put("subscription", null);
        session.put("client_reference_id", form.get("client_reference_id"));
        session.put("metadata", metadata(form, "metadata"));
        session.put("success_url", form.get("success_url").replace("{CHECKOUT_SESSION_ID}", id));
        session.put("cancel_url", form.get("cancel_url"));
        session.put("amount_total", price.get("unit_amount"));
        session.put("currency", price.get("currency"));
        session.put("url", apiBase() + "/pay/" + id);
        session.put("created", now());
        session.put("price", priceId);
        checkouts.put(id, session);
        return session;
    }

    private Map<String, Object> createPortal(Map<String, String> form) {
        String customer = form.get("customer");
        if (customer == null || !customers.containsKey(customer)) {
            throw Refused.missing("customer", "No such customer: '" + customer + "'");
        }
        String id = "bps_" + token(24);
        Map<String, Object> portal = object("billing_portal.session", id);
        portal.put("customer", customer);
        portal.put("return_url", form.get("return_url"));
        portal.put("url", apiBase() + "/portal/" + id);
        portal.put("created", now());
        portals.put(id, portal);
        return portal;
    }

    private Map<String, Object> listInvoices(Map<String, String> query) {
        String customer = query.get("customer");
        int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
        List<Map<String, Object>> found = invoices.values().stream()
                .filter(invoice -> customer == null || customer.equals(invoice.get("customer")))
                .toList()
                .reversed();
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", found.subList(0, Math.min(limit, found.size())));
        list.put("has_more", found.size() > limit);
        list.put("url", "/v1/invoices");
        return list;
    }

    // ---- what a paying customer does ----

    /** Pays a Checkout Session with a card; the error a customer would read, or null when paid. */
    public @Nullable String pay(String checkoutSessionId, String cardNumber) {
        synchronized (lock) {
            Map<String, Object> session = required(checkouts, checkoutSessionId);
            if (!"open".equals(session.get("status"))) {
                return "This checkout is no longer open.";
            }
            String card = cardNumber.replaceAll("[\\s-]", "");
            String refused = refusal(card, true);
            if (refused != null) {
                return refused;
            }
            String customer = (String) session.get("customer");
            cards.put(customer, card);
            Map<String, Object> subscription = object("subscription", "sub_" + token(14));
            long start = now();
            long end = ZonedDateTime.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC)
                    .plusMonths(1)
                    .toEpochSecond();
            Map<String, Object> item = object("subscription_item", "si_" + token(14));
            item.put("price", prices.get((String) session.get("price")));
            item.put("quantity", 1);
            item.put("current_period_start", start);
            item.put("current_period_end", end);
            item.put("subscription", subscription.get("id"));
            Map<String, Object> items = new LinkedHashMap<>();
            items.put("object", "list");
            items.put("data", new ArrayList<>(List.of(item)));
            items.put("has_more", false);
            items.put("url", "/v1/subscription_items?subscription=" + subscription.get("id"));
            subscription.put("customer", customer);
            subscription.put("status", "active");
            subscription.put("items", items);
            subscription.put("cancel_at_period_end", false);
            subscription.put("cancel_at", null);
            subscription.put("canceled_at", null);
            subscription.put("ended_at", null);
            subscription.put("created", start);
            subscription.put("start_date", start);
            subscription.put("metadata", session.get("metadata"));
            subscription.put("latest_invoice", null);
            subscriptions.put((String) subscription.get("id"), subscription);
            Map<String, Object> invoice = invoice(subscription, start, end);
            invoice.put("status", "paid");
            invoice.put("amount_paid", invoice.get("amount_due"));
            invoice.put("amount_remaining", 0L);
            session.put("status", "complete");
            session.put("payment_status", "paid");
            session.put("subscription", subscription.get("id"));
            // The order Stripe sends these in is not promised; this is one it does send them in.
            emit("customer.subscription.created", subscription);
            emit("invoice.paid", invoice);
            emit("checkout.session.completed", session);
            return null;
        }
    }

    private @Nullable String refusal(String card, boolean charged) {
        if (!card.matches("\\d{12,19}") || !luhn(card)) {
            return "Your card number is invalid.";
        }
        if (card.equals(CARD_DECLINED) || (charged && card.equals(CARD_FAILS_LATER))) {
            return "Your card was declined.";
        }
        if (!card.equals(CARD_OK) && !card.equals(CARD_FAILS_LATER)) {
            return "Your card was declined. This is a test page: use 4242 4242 4242 4242.";
        }
        return null;
    }

    private Map<String, Object> invoice(Map<String, Object> subscription, long start, long end) {
        Map<String, Object> price = itemPrice(subscription);
        Map<String, Object> invoice = object("invoice", "in_" + token(14));
        String id = (String) invoice.get("id");
        invoice.put("customer", subscription.get("customer"));
        invoice.put("number", String.format(Locale.ROOT, "PARLEY-%04d", invoiceNumbers.incrementAndGet()));
        invoice.put("status", "open");
        invoice.put("currency", price.get("currency"));
        invoice.put("amount_due", price.get("unit_amount"));
        invoice.put("amount_paid", 0L);
        invoice.put("amount_remaining", price.get("unit_amount"));
        invoice.put("created", now());
        invoice.put("period_start", start);
        invoice.put("period_end", end);
        invoice.put("hosted_invoice_url", apiBase() + "/invoices/" + id);
        invoice.put("billing_reason", "subscription_cycle");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subscription", subscription.get("id"));
        details.put("metadata", Map.of());
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("type", "subscription_details");
        parent.put("subscription_details", details);
        parent.put("quote_details", null);
        invoice.put("parent", parent);
        invoices.put(id, invoice);
        subscription.put("latest_invoice", id);
        return invoice;
    }

    /** Charges an open invoice to the customer's card, then says how it went. */
    private void charge(Map<String, Object> subscription, Map<String, Object> invoice) {
        String card = cards.getOrDefault((String) subscription.get("customer"), CARD_DECLINED);
        if (refusal(card, true) == null) {
            invoice.put("status", "paid");
            invoice.put("amount_paid", invoice.get("amount_due"));
            invoice.put("amount_remaining", 0L);
            subscription.put("status", "active");
            emit("invoice.paid", invoice);
        } else {
            invoice.put("attempt_count", ((Number) invoice.getOrDefault("attempt_count", 0)).intValue() + 1);
            subscription.put("status", "past_due");
            emit("invoice.payment_failed", invoice);
        }
        emit("customer.subscription.updated", subscription);
    }

    // ---- the pages ----

    private void page(HttpExchange exchange, String method, String path, Map<String, String> form) throws IOException {
        String[] parts = path.substring(1).split("/");
        synchronized (lock) {
            if (parts.length == 2 && parts[0].equals("pay") && checkouts.containsKey(parts[1])) {
                checkoutPage(exchange, method, parts[1], form);
            } else if (parts.length >= 2 && parts[0].equals("portal") && portals.containsKey(parts[1])) {
                portalPage(exchange, method, parts[1], parts.length > 2 ? parts[2] : "", form);
            } else if (parts.length == 2 && parts[0].equals("invoices") && invoices.containsKey(parts[1])) {
                invoicePage(exchange, invoices.get(parts[1]));
            } else {
                html(exchange, 404, "Not found", "<p>This page does not exist.</p>");
            }
        }
    }

    private void checkoutPage(HttpExchange exchange, String method, String id, Map<String, String> form)
            throws IOException {
        Map<String, Object> session = checkouts.get(id);
        String problem = null;
        if (method.equals("POST")) {
            if (form.containsKey("cancel")) {
                redirect(exchange, (String) session.get("cancel_url"));
                return;
            }
            problem = pay(id, form.getOrDefault("card", ""));
            if (problem == null) {
                redirect(exchange, (String) session.get("success_url"));
                return;
            }
        }
        Map<String, Object> price = prices.get((String) session.get("price"));
        html(
                exchange,
                problem == null ? 200 : 402,
                "Pay " + price.get("nickname"),
                "<p class=test>Test mode: a local stand-in of Stripe Checkout. Pay with 4242 4242 4242 4242,"
                        + " any future date, any CVC.</p>"
                        + "<h1>Subscribe to " + escape((String) price.get("nickname")) + "</h1>"
                        + "<p class=amount>" + money(price) + " per month</p>"
                        + (problem == null ? "" : "<p class=error role=alert>" + escape(problem) + "</p>")
                        + "<form method=post>"
                        + "<label>Card number <input name=card inputmode=numeric autocomplete=cc-number"
                        + " placeholder='1234 1234 1234 1234' required></label>"
                        + "<label>Expiry <input name=exp placeholder='MM / YY' required></label>"
                        + "<label>CVC <input name=cvc placeholder=CVC required></label>"
                        + "<button type=submit name=pay>Subscribe</button>"
                        + "</form><form method=post><button type=submit name=cancel formnovalidate>"
                        + "Back</button></form>");
    }

    private void portalPage(HttpExchange exchange, String method, String id, String action, Map<String, String> form)
            throws IOException {
        Map<String, Object> portal = portals.get(id);
        String customer = (String) portal.get("customer");
        List<String> owned = subscriptionsOf(customer);
        Map<String, Object> subscription = owned.isEmpty() ? null : subscriptions.get(owned.getLast());
        String notice = null;
        if (method.equals("POST")) {
            notice = portalAction(customer, subscription, action, form);
            if (notice == null) {
                redirect(exchange, apiBase() + "/portal/" + id);
                return;
            }
        }
        StringBuilder body = new StringBuilder(
                "<p class=test>Test mode: a local stand-in of Stripe's customer portal.</p><h1>Your plan</h1>");
        if (notice != null) {
            body.append("<p class=error role=alert>").append(escape(notice)).append("</p>");
        }
        if (subscription == null) {
            body.append("<p>No subscription.</p>");
        } else {
            Map<String, Object> price = itemPrice(subscription);
            String card = cards.getOrDefault(customer, "");
            body.append("<p class=plan>")
                    .append(escape((String) price.get("nickname")))
                    .append(", ")
                    .append(money(price))
                    .append(" per month — <span class=status>")
                    .append(subscription.get("status"))
                    .append(
                            Boolean.TRUE.equals(subscription.get("cancel_at_period_end"))
                                    ? ", cancels at the end of the period"
                                    : "")
                    .append("</span></p><p class=card>Card ending ")
                    .append(card.length() >= 4 ? card.substring(card.length() - 4) : "—")
                    .append("</p>");
            if (!"canceled".equals(subscription.get("status"))) {
                body.append("<form method=post action='/portal/")
                        .append(id)
                        .append("/card'>")
                        .append("<label>New card <input name=card required></label>")
                        .append("<button type=submit>Update card</button></form>");
                for (Map<String, Object> other : prices.values()) {
                    if (!other.get("id").equals(price.get("id"))) {
                        body.append("<form method=post action='/portal/")
                                .append(id)
                                .append("/plan'>")
                                .append("<input type=hidden name=price value='")
                                .append(other.get("id"))
                                .append("'>")
                                .append("<button type=submit>Switch to ")
                                .append(escape((String) other.get("nickname")))
                                .append("</button></form>");
                    }
                }
                body.append("<form method=post action='/portal/")
                        .append(id)
                        .append(
                                Boolean.TRUE.equals(subscription.get("cancel_at_period_end"))
                                        ? "/renew'>"
                                        : "/cancel'>");
                body.append(
                        Boolean.TRUE.equals(subscription.get("cancel_at_period_end"))
                                ? "<button type=submit>Renew plan</button></form>"
                                : "<button type=submit>Cancel plan</button></form>");
                body.append("<form method=post action='/portal/")
                        .append(id)
                        .append("/end-period'>")
                        .append("<button type=submit>Test clock: end this period now</button></form>");
            }
        }
        body.append("<p><a class=return href='")
                .append(escape((String) portal.get("return_url")))
                .append("'>Return to Parley</a></p>");
        html(exchange, notice == null ? 200 : 402, "Billing", body.toString());
    }

    /** Null when done; otherwise what went wrong. */
    private @Nullable String portalAction(
            String customer, @Nullable Map<String, Object> subscription, String action, Map<String, String> form) {
        if (subscription == null || "canceled".equals(subscription.get("status"))) {
            return "There is no subscription to change.";
        }
        switch (action) {
            case "card" -> {
                String card = form.getOrDefault("card", "").replaceAll("[\\s-]", "");
                String refused = refusal(card, false);
                if (refused != null) {
                    return refused;
                }
                cards.put(customer, card);
                // As Stripe does for a past-due subscription: the open invoice is tried again on the new card.
                Map<String, Object> open = invoices.get((String) subscription.get("latest_invoice"));
                if (open != null && "open".equals(open.get("status"))) {
                    charge(subscription, open);
                }
            }
            case "plan" -> {
                Map<String, Object> price = prices.get(form.get("price"));
                if (price == null) {
                    return "No such price.";
                }
                item(subscription).put("price", price);
                emit("customer.subscription.updated", subscription);
            }
            case "cancel", "renew" -> {
                subscription.put("cancel_at_period_end", action.equals("cancel"));
                subscription.put(
                        "cancel_at",
                        action.equals("cancel") ? item(subscription).get("current_period_end") : null);
                emit("customer.subscription.updated", subscription);
            }
            case "end-period" -> endPeriod((String) subscription.get("id"));
            default -> {
                return "Unknown action.";
            }
        }
        return null;
    }

    private void invoicePage(HttpExchange exchange, Map<String, Object> invoice) throws IOException {
        Map<String, Object> price =
                Map.of("unit_amount", invoice.get("amount_due"), "currency", invoice.get("currency"));
        html(
                exchange,
                200,
                "Invoice " + invoice.get("number"),
                "<h1>Invoice " + escape((String) invoice.get("number")) + "</h1><p>" + money(price) + " — "
                        + invoice.get("status") + "</p>");
    }

    // ---- events ----

    private void emit(String type, Map<String, Object> object) {
        Map<String, Object> event = object("event", "evt_" + token(24));
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", now());
        event.put("type", type);
        event.put("pending_webhooks", 1);
        event.put("request", Map.of());
        // A snapshot: what the object was when this happened, not what it becomes later.
        event.put("data", Map.of("object", copy(object)));
        Event sent = new Event((String) event.get("id"), type, JSON.toJson(event));
        events.add(sent);
        enqueue(sent);
    }

    private void enqueue(Event event) {
        sender.execute(() -> deliver(event));
    }

    private void deliver(Event event) {
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            URI target = endpoint;
            if (target == null) {
                return; // kept; deliverTo sends it
            }
            int status = post(target, event);
            deliveries.add(new Delivery(event.id(), event.type(), status));
            if (status / 100 == 2 || attempt == 8 || sender.isShutdown()) {
                if (status / 100 != 2) {
                    log.warn("Stripe stand-in gave up on {} {} after {} attempts", event.type(), event.id(), attempt);
                }
                return;
            }
            try {
                Thread.sleep(backoff); // Stripe's retries back off too; this is the sender's own thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    private int post(URI target, Event event) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stripe/1.0 (Parley stand-in)")
                .header("Stripe-Signature", signatureFor(event.body(), Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofString(event.body(), StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * A {@code Stripe-Signature} header for {@code body} as if sent at {@code timestamp}: for tests
     * that hand a receiver a payload of their own, correctly signed.
     */
    public String signatureFor(String body, Instant timestamp) {
        long seconds = timestamp.getEpochSecond();
        return "t=" + seconds + ",v1=" + sign(seconds + "." + body);
    }

    /** Stripe's scheme: hex HMAC-SHA256 of {@code timestamp.payload} under the endpoint's secret. */
    private String sign(String signedPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        server.stop(0);
        http.close();
    }

    // ---- helpers ----

    /** A deep copy of an object's maps and lists (its leaves are immutable). */
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copied = new LinkedHashMap<>();
            map.forEach((key, field) -> copied.put((String) key, field == null ? null : copy(field)));
            return copied;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StripeNode::copy).toList();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Map<String, Object> subscription) {
        Map<String, Object> items = (Map<String, Object>) subscription.get("items");
        return ((List<Map<String, Object>>) items.get("data")).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> itemPrice(Map<String, Object> subscription) {
        return (Map<String, Object>) item(subscription).get("price");
    }

    private static Map<String, Object> object(String type, String id) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", id);
        object.put("object", type);
        object.put("livemode", false);
        return object;
    }

    private static <T> T required(Map<String, T> objects, String id) {
        T found = objects.get(id);
        if (found == null) {
            throw Refused.missing("id", "No such object: '" + id + "'");
        }
        return found;
    }

    private static Map<String, String> metadata(Map<String, String> form, String prefix) {
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((key, value) -> {
            if (key.startsWith(prefix + "[") && key.endsWith("]")) {
                metadata.put(key.substring(prefix.length() + 1, key.length() - 1), value);
            }
        });
        return metadata;
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            return Map.of();
        }
        try (InputStream in = exchange.getRequestBody()) {
            return decode(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : decode(raw);
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(key, value);
        }
        return fields;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + token(14));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void error(
            HttpExchange exchange,
            int status,
            String type,
            @Nullable String code,
            String message,
            @Nullable String param)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("code", code);
        error.put("message", message);
        error.put("param", param);
        json(exchange, status, Map.of("error", error));
    }

    private static void html(HttpExchange exchange, int status, String title, String body) throws IOException {
        String page = "<!doctype html><html lang=en><meta charset=utf-8><title>" + escape(title)
                + "</title><style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}"
                + "label{display:block;margin:.6rem 0}input{display:block;width:100%;padding:.5rem;font:inherit}"
                + "button{margin:.8rem .4rem 0 0;padding:.55rem 1rem;font:inherit}.test{background:#fef3c7;padding:.5rem}"
                + ".error{color:#b91c1c}</style>" + body;
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static String money(Map<String, Object> price) {
        long cents = ((Number) price.get("unit_amount")).longValue();
        String currency = ((String) price.get("currency")).toUpperCase(Locale.ROOT);
        return String.format(Locale.ROOT, "%s %d.%02d", currency, cents / 100, cents % 100);
    }

    private static String escape(@Nullable String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("'", "&#39;");
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
        }
        return sum % 10 == 0;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String token(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    /** A request Stripe would refuse, answered in its error format. */
    private static final class Refused extends RuntimeException {
        final int status;
        final String code;
        final String param;

        private Refused(int status, String code, String param, String message) {
            super(message);
            this.status = status;
            this.code = code;
            this.param = param;
        }

        static Refused invalid(String param, String message) {
            return new Refused(400, "parameter_invalid", param, message);
        }

        static Refused missing(String param, String message) {
            return new Refused(404, "resource_missing", param, message);
        }
    }
}
