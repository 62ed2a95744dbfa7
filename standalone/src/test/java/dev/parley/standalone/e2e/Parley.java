package dev.parley.standalone.e2e;

import static org.awaitility.Awaitility.await;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.standalone.Standalone;
import dev.parley.standalone.TenantSeeder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * All of Parley in this test JVM, started once for every end-to-end test: real Postgres, Kafka
 * and Redis, every service, and two gateway nodes (A and B). Tests talk to it only as clients do:
 * HTTP and WebSockets through the gateways.
 */
final class Parley {

    private static @Nullable Parley running;
    private static final AtomicInteger tenants = new AtomicInteger();

    final Standalone standalone;
    final String gatewayA;
    final String gatewayB;
    private final HttpClient http = HttpClient.newHttpClient();

    private Parley(Standalone standalone, String gatewayA, String gatewayB) {
        this.standalone = standalone;
        this.gatewayA = gatewayA;
        this.gatewayB = gatewayB;
    }

    static synchronized Parley get() {
        if (running == null) {
            Standalone standalone = Standalone.start(true);
            String a = standalone.service("gateway-service").url();
            String b = standalone.addGatewayNode().url();
            running = new Parley(standalone, a, b);
        }
        return running;
    }

    record Response(int status, JsonNode body) {}

    Response call(String method, String url, @Nullable Object body, Map<String, String> headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(20))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(ChatSocket.JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank()
                    ? ChatSocket.JSON.createObjectNode()
                    : ChatSocket.JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call that must succeed; its JSON answer. */
    JsonNode ok(String method, String url, @Nullable Object body, Map<String, String> headers) {
        Response response = call(method, url, body, headers);
        if (response.status() / 100 != 2) {
            throw new AssertionError(method + " " + url + " answered " + response.status() + " " + response.body());
        }
        return response.body();
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, String> visitorAuth(String token) {
        return Map.of("Authorization", "Visitor " + token);
    }

    /**
     * A fresh tenant made as a customer would (see {@link TenantSeeder}): {@code agentCount}
     * agents of capacity {@code maxChats} in the sign-up's department (offer mode), a second
     * department in {@code secondDepartmentMode}, a supervisor in both; then waits until every
     * service's directory knows all of it.
     */
    Tenant tenant(int agentCount, int maxChats, String secondDepartmentMode) {
        return tenant(agentCount, maxChats, secondDepartmentMode, null);
    }

    /** The same, with the site's origin given (a {@code DemoSite}'s, for browser tests). */
    Tenant tenant(int agentCount, int maxChats, String secondDepartmentMode, @Nullable String siteOrigin) {
        int n = tenants.incrementAndGet();
        String suffix = n + "-" + UUID.randomUUID().toString().substring(0, 6);
        String origin = siteOrigin != null ? siteOrigin : "http://shop-" + suffix + ".test";
        TenantSeeder.Seeded seeded = new TenantSeeder(
                        gatewayA,
                        dev.parley.infra.EmbeddedInfrastructure.shared().mail()::awaitText)
                .seed(
                        "Shop " + suffix,
                        suffix + ".example.test",
                        List.of(origin),
                        agentCount,
                        maxChats,
                        "Billing",
                        secondDepartmentMode);
        int users = agentCount + 2;
        awaitDirectories(
                seeded.tenantId(),
                tenant -> tenant.agents().size() == users
                        && tenant.departments().size() == 2
                        && tenant.sites().stream()
                                .anyMatch(site -> site.allowedOrigins().contains(origin)));
        return new Tenant(
                seeded.tenantId(),
                seeded.siteKey(),
                seeded.siteId(),
                origin,
                seeded.departmentId(),
                seeded.secondDepartmentId(),
                login(seeded.owner()),
                seeded.agents().stream().map(Parley::login).toList(),
                login(seeded.supervisor()));
    }

    /** One more agent, only in {@code departmentId}, made by the owner as the console would; known everywhere. */
    Tenant.Login addAgent(Tenant tenant, String name, UUID departmentId) {
        String password = "pw-" + UUID.randomUUID();
        String email = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@" + tenant.tenantId() + ".test";
        JsonNode created = ok(
                "POST",
                gatewayA + "/api/tenant/users",
                Map.of(
                        "email",
                        email,
                        "displayName",
                        name,
                        "password",
                        password,
                        "roles",
                        List.of("agent"),
                        "departmentIds",
                        List.of(departmentId.toString()),
                        "maxChats",
                        3),
                bearer(token(tenant.owner())));
        UUID id = UUID.fromString(
                created.hasNonNull("userId")
                        ? created.path("userId").asString()
                        : created.path("id").asString());
        awaitDirectories(tenant.tenantId(), t -> t.agents().stream()
                .anyMatch(a -> a.agentId().equals(id)));
        return new Tenant.Login(id, email, password, "");
    }

    private static Tenant.Login login(TenantSeeder.Login login) {
        return new Tenant.Login(login.userId(), login.email(), login.password(), "");
    }

    String login(String email, String password) {
        return ok("POST", gatewayA + "/api/tenant/auth/login", Map.of("email", email, "password", password), Map.of())
                .path("accessToken")
                .asString();
    }

    /** Logs the user in now: tokens carry roles and departments as they are at login. */
    String token(Tenant.Login login) {
        return login(login.email(), login.password());
    }

    private void awaitDirectories(UUID tenantId, java.util.function.Predicate<TenantUpdated> complete) {
        await().atMost(Duration.ofSeconds(30)).until(() -> standalone.services().stream()
                .map(service ->
                        service.context().getBeanProvider(TenantDirectory.class).getIfAvailable())
                .filter(java.util.Objects::nonNull)
                .allMatch(
                        directory -> directory.tenant(tenantId).filter(complete).isPresent()));
    }

    /** A visitor of the tenant's site: their token. */
    String visitor(Tenant tenant) {
        return ok(
                        "POST",
                        gatewayA + "/api/session/visitors",
                        Map.of("siteKey", tenant.siteKey()),
                        Map.of("Origin", tenant.origin()))
                .path("token")
                .asString();
    }

    /** The visitor asks to chat in {@code department}; the conversation's id. */
    String requestChat(String visitorToken, UUID department, String name) {
        return ok(
                        "POST",
                        gatewayA + "/api/session/conversations",
                        Map.of("departmentId", department.toString(), "answers", Map.of("name", name, "order", "A-1")),
                        visitorAuth(visitorToken))
                .path("conversationId")
                .asString();
    }

    /** A chat under way: the agent (on node B, online) has accepted the visitor (on node A). */
    record Chat(ChatSocket agent, ChatSocket visitor, String conversation, String visitorToken)
            implements AutoCloseable {
        @Override
        public void close() {
            visitor.close();
            agent.close();
        }
    }

    /** Opens the tenant's first agent and a new visitor named {@code visitorName}, and connects them. */
    Chat chat(Tenant tenant, String visitorName) {
        ChatSocket agent = agentSocket(gatewayB, token(tenant.agents().getFirst()));
        agent.send(java.util.Map.of("type", "presence.set", "status", "online"));
        String visitorToken = visitor(tenant);
        String conversation = requestChat(visitorToken, tenant.departmentId(), visitorName);
        ChatSocket visitor = visitorSocket(gatewayA, tenant, visitorToken);
        visitor.send(java.util.Map.of("type", "resume", "conversations", java.util.Map.of(conversation, 0)));
        LiveChatIT.accept(agent, visitor, conversation);
        return new Chat(agent, visitor, conversation, visitorToken);
    }

    ChatSocket visitorSocket(String gateway, Tenant tenant, String visitorToken) {
        return ChatSocket.open(wsUrl(gateway, "/ws/visitor?token=" + encode(visitorToken)), tenant.origin());
    }

    ChatSocket agentSocket(String gateway, String accessToken) {
        return ChatSocket.open(wsUrl(gateway, "/ws/agent?access_token=" + encode(accessToken)), null);
    }

    static String wsUrl(String gateway, String pathAndQuery) {
        return gateway.replaceFirst("^http", "ws") + pathAndQuery;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Optional<String> text(JsonNode frame, String field) {
        return Optional.ofNullable(frame.path(field).asString(null));
    }
}
