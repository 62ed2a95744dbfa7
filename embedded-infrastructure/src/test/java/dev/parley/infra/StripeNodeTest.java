package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Stripe stand-in as stripe-java sees it: it answers the client's requests in Stripe's format
 * (errors included), and the events it sends pass stripe-java's own signature check.
 */
class StripeNodeTest {

    private StripeNode stripe;
    private StripeClient client;
    private String price;

    @BeforeEach
    void start() {
        stripe = StripeNode.start();
        price = stripe.createPrice("test-plan", "Test Plan", 1900, "EUR");
        client = StripeClient.builder()
                .setApiKey(stripe.apiKey())
                .setApiBase(stripe.apiBase())
                .build();
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void checkoutPaidWithTheTestCardSendsSignedEventsThatStripeJavaVerifies() throws Exception {
        List<String[]> received = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] {body, exchange.getRequestHeaders().getFirst("Stripe-Signature")});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            three.countDown();
        });
        endpoint.start();
        try {
            stripe.deliverTo(
                    URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook"));
            String customer = client.v1()
                    .customers()
                    .create(CustomerCreateParams.builder()
                            .setEmail("owner@example.com")
                            .build())
                    .getId();
            Session session = client.v1()
                    .checkout()
                    .sessions()
                    .create(SessionCreateParams.builder()
                            .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                            .setCustomer(customer)
                            .addLineItem(SessionCreateParams.LineItem.builder()
                                    .setPrice(price)
                                    .setQuantity(1L)
                                    .build())
                            .setSuccessUrl("https://console.example/#paid")
                            .setCancelUrl("https://console.example/")
                            .build());
            assertThat(session.getUrl()).startsWith(stripe.apiBase() + "/pay/");

            assertThat(stripe.pay(session.getId(), StripeNode.CARD_DECLINED)).isEqualTo("Your card was declined.");
            assertThat(stripe.pay(session.getId(), "4242 4242 4242 4242")).isNull();

            assertThat(three.await(10, TimeUnit.SECONDS))
                    .as("three events delivered")
                    .isTrue();
            assertThat(received).hasSize(3);
            List<String> types = new java.util.ArrayList<>();
            for (String[] delivery : received) {
                Event event = Webhook.constructEvent(delivery[0], delivery[1], stripe.webhookSecret());
                types.add(event.getType());
                assertThat(event.getDataObjectDeserializer().getObject())
                        .as("written at the API version stripe-java reads")
                        .isPresent();
            }
            assertThat(types)
                    .containsExactly("customer.subscription.created", "invoice.paid", "checkout.session.completed");
            Subscription subscription = client.v1()
                    .subscriptions()
                    .retrieve(stripe.subscriptionsOf(customer).getFirst());
            assertThat(subscription.getStatus()).isEqualTo("active");
            assertThat(subscription.getItems().getData().getFirst().getPrice().getId())
                    .isEqualTo(price);

            // Another secret, or another body, does not pass.
            String[] first = received.getFirst();
            assertThatThrownBy(() -> Webhook.constructEvent(first[0], first[1], "whsec_other"))
                    .isInstanceOf(SignatureVerificationException.class);
            assertThatThrownBy(() -> Webhook.constructEvent(first[0] + " ", first[1], stripe.webhookSecret()))
                    .isInstanceOf(SignatureVerificationException.class);
            String late = stripe.signatureFor(first[0], Instant.now().minus(Duration.ofMinutes(10)));
            assertThatThrownBy(() -> Webhook.constructEvent(first[0], late, stripe.webhookSecret()))
                    .isInstanceOf(SignatureVerificationException.class);
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void refusalsComeInStripesFormat() throws IOException {
        StripeClient wrongKey = StripeClient.builder()
                .setApiKey("sk_test_wrong")
                .setApiBase(stripe.apiBase())
                .build();
        assertThatThrownBy(() -> wrongKey.v1()
                        .customers()
                        .create(CustomerCreateParams.builder().build()))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> client.v1()
                        .checkout()
                        .sessions()
                        .create(SessionCreateParams.builder()
                                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                                .setCustomer("cus_nobody")
                                .addLineItem(SessionCreateParams.LineItem.builder()
                                        .setPrice(price)
                                        .setQuantity(1L)
                                        .build())
                                .setSuccessUrl("https://console.example/")
                                .setCancelUrl("https://console.example/")
                                .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getParam()).isEqualTo("customer");
                });
    }
}
