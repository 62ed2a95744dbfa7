package dev.parley.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a tenant the way a customer does, through the public HTTP API behind the gateway:
 * sign-up, the link in the verification e-mail (read from the local SMTP server), the site's
 * allowed origins, a second department, agents and a supervisor. The
 * standalone seeds its demo tenant with it; the end-to-end tests make their tenants with it.
 * Passwords are random per run and printed, never stored in the repository.
 */
public final class TenantSeeder {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom random = new SecureRandom();

    static final String VERIFY_SUBJECT = "Confirm your e-mail address for Parley";
    private static final Pattern VERIFY_LINK = Pattern.compile("#verify=(pev_[A-Za-z0-9_-]+)");

    private final String gateway;
    private final Mailbox mailbox;
    private final HttpClient http = HttpClient.newHttpClient();

    /** What Parley e-mailed: the text of the newest message to an address with a subject, once there. */
    @FunctionalInterface
    public interface Mailbox {
        Optional<String> await(String address, String subject, Duration timeout);
    }

    /** @param mailbox where the verification e-mail is read, e.g. {@code MailNode::awaitText} */
    public TenantSeeder(String gatewayUrl, Mailbox mailbox) {
        this.gateway = gatewayUrl;
        this.mailbox = mailbox;
    }

    public record Login(UUID userId, String name, String email, String password) {}

    /**
     * What was made.
     *
     * @param departmentId the sign-up's default department (offer mode), where the agents work
     * @param secondDepartmentId the extra department; the supervisor works in both
     */
    public record Seeded(
            UUID tenantId,
            String siteKey,
            UUID siteId,
            List<String> origins,
            UUID departmentId,
            UUID secondDepartmentId,
            Login owner,
            List<Login> agents,
            Login supervisor) {}

    /**
     * @param emailDomain makes the logins unique, e.g. {@code demo.parley.test}
     * @param secondDepartmentMode {@code OFFER} or {@code PICKUP}
     */
    public Seeded seed(
            String company,
            String emailDomain,
            List<String> origins,
            int agentCount,
            int maxChats,
            String secondDepartmentName,
            String secondDepartmentMode) {
        String ownerEmail = "owner@" + emailDomain;
        String ownerPassword = password();
        call(
                "POST",
                "/api/tenant/signup",
                Map.of(
                        "companyName",
                        company,
                        "ownerName",
                        "Olivia Owner",
                        "email",
                        ownerEmail,
                        "password",
                        ownerPassword),
                null);
        String mail = mailbox.await(ownerEmail, VERIFY_SUBJECT, Duration.ofSeconds(30))
                .orElseThrow(() -> new IllegalStateException("no verification e-mail came to " + ownerEmail));
        Matcher link = VERIFY_LINK.matcher(mail);
        if (!link.find()) {
            throw new IllegalStateException("the verification e-mail has no link: " + mail);
        }
        JsonNode signedIn = call("POST", "/api/tenant/auth/verify-email", Map.of("token", link.group(1)), null);
        String admin = signedIn.path("accessToken").asString();
        JsonNode owner = signedIn.path("user");
        UUID department = UUID.fromString(owner.path("departmentIds").path(0).asString());
        JsonNode site =
                call("GET", "/api/tenant/sites", null, admin).path("sites").path(0);
        UUID siteId = id(site, "id");
        call("PUT", "/api/tenant/sites/" + siteId + "/origins", Map.of("allowedOrigins", origins), admin);
        JsonNode second = call(
                "POST",
                "/api/tenant/departments",
                Map.of("name", secondDepartmentName, "routingMode", secondDepartmentMode),
                admin);
        UUID secondDepartment = second.hasNonNull("departmentId") ? id(second, "departmentId") : id(second, "id");
        List<Login> agents = new ArrayList<>();
        for (int i = 1; i <= agentCount; i++) {
            agents.add(user(
                    admin,
                    "agent" + i + "@" + emailDomain,
                    AGENT_NAMES.get((i - 1) % AGENT_NAMES.size()),
                    List.of("agent"),
                    List.of(department),
                    maxChats));
        }
        Login supervisor = user(
                admin,
                "supervisor@" + emailDomain,
                "Sam Supervisor",
                List.of("supervisor", "agent"),
                List.of(department, secondDepartment),
                maxChats);
        return new Seeded(
                id(owner, "tenantId"),
                site.path("siteKey").asString(),
                siteId,
                List.copyOf(origins),
                department,
                secondDepartment,
                new Login(id(owner, "id"), "Olivia Owner", ownerEmail, ownerPassword),
                List.copyOf(agents),
                supervisor);
    }

    private static final List<String> AGENT_NAMES = List.of("Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace");

    /** An access token for the login. */
    public String login(String email, String password) {
        return call("POST", "/api/tenant/auth/login", Map.of("email", email, "password", password), null)
                .path("accessToken")
                .asString();
    }

    private Login user(
            String admin, String email, String name, List<String> roles, List<UUID> departments, int maxChats) {
        String password = password();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("displayName", name);
        body.put("password", password);
        body.put("roles", roles);
        body.put("departmentIds", departments.stream().map(UUID::toString).toList());
        body.put("maxChats", maxChats);
        JsonNode created = call("POST", "/api/tenant/users", body, admin);
        return new Login(
                created.hasNonNull("userId") ? id(created, "userId") : id(created, "id"), name, email, password);
    }

    private JsonNode call(String method, String path, @Nullable Object body, @Nullable String bearer) {
        try {
            var request = HttpRequest.newBuilder(URI.create(gateway + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static UUID id(JsonNode node, String field) {
        return UUID.fromString(node.path(field).asString());
    }

    private static String password() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
