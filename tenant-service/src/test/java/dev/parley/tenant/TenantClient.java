package dev.parley.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.web.Caller;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Calls tenant-service as the gateway would: public endpoints bare, the others with the trusted caller headers. */
final class TenantClient {

    static final String PASSWORD = "correct horse battery";

    /** What sign-up answered, and the owner as the gateway would name them after their login. */
    record Tenant(UUID tenantId, UUID ownerId, String email, String siteKey, UUID siteId, UUID departmentId) {

        Caller owner() {
            return new Caller(
                    tenantId, ownerId, Caller.Kind.AGENT, Set.of("owner", "admin", "supervisor", "agent"), "Owner");
        }

        Caller agent() {
            return new Caller(tenantId, UUID.randomUUID(), Caller.Kind.AGENT, Set.of("agent"), "Agent");
        }
    }

    private final WebTestClient http;

    TenantClient(WebTestClient http) {
        this.http = http;
    }

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID() + "@example.com";
    }

    /**
     * A tenant made as a business makes one: sign-up, the link from the verification e-mail (which
     * signs the owner in), then the site sign-up made.
     */
    Tenant signUp(String company) {
        String email = uniqueEmail("owner");
        requestSignUp(company, email).expectStatus().isAccepted();
        Map<?, ?> signedIn = okBody(verify(Inbox.verificationToken(email, 1)));
        Map<?, ?> user = (Map<?, ?>) signedIn.get("user");
        UUID tenantId = UUID.fromString((String) user.get("tenantId"));
        UUID ownerId = UUID.fromString((String) user.get("id"));
        UUID departmentId = UUID.fromString((String) ((List<?>) user.get("departmentIds")).getFirst());
        Caller owner = new Caller(tenantId, ownerId, Caller.Kind.AGENT, Set.of("owner"), "Owner");
        Map<?, ?> site =
                (Map<?, ?>) ((List<?>) okBody(get(owner, "/api/tenant/sites")).get("sites")).getFirst();
        return new Tenant(
                tenantId,
                ownerId,
                email,
                (String) site.get("siteKey"),
                UUID.fromString((String) site.get("id")),
                departmentId);
    }

    WebTestClient.ResponseSpec requestSignUp(String company, String email) {
        return postPublic(
                "/api/tenant/signup",
                Map.of("companyName", company, "ownerName", "Owner", "email", email, "password", PASSWORD));
    }

    WebTestClient.ResponseSpec verify(String token) {
        return postPublic("/api/tenant/auth/verify-email", java.util.Collections.singletonMap("token", token));
    }

    WebTestClient.ResponseSpec get(Caller caller, String path) {
        return http.get().uri(path).headers(caller::writeTo).exchange();
    }

    WebTestClient.ResponseSpec post(Caller caller, String path, Object body) {
        return http.post()
                .uri(path)
                .headers(caller::writeTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    WebTestClient.ResponseSpec put(Caller caller, String path, Object body) {
        return http.put()
                .uri(path)
                .headers(caller::writeTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    WebTestClient.ResponseSpec patch(Caller caller, String path, Object body) {
        return http.patch()
                .uri(path)
                .headers(caller::writeTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** A 400 {@code invalid} whose message starts with {@code message} (it names the field). */
    static void isInvalid(WebTestClient.ResponseSpec response, String message) {
        response.expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid")
                .jsonPath("$.message")
                .value(text -> assertThat((String) text).startsWith(message));
    }

    WebTestClient.ResponseSpec delete(Caller caller, String path) {
        return http.delete().uri(path).headers(caller::writeTo).exchange();
    }

    WebTestClient.ResponseSpec login(String email, String password) {
        return http.post()
                .uri("/api/tenant/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange();
    }

    /** The id of a department the caller's admin adds. */
    UUID addDepartment(Caller admin, String name, String routingMode) {
        Map<?, ?> created = post(admin, "/api/tenant/departments", Map.of("name", name, "routingMode", routingMode))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(created).isNotNull();
        return UUID.fromString((String) created.get("id"));
    }

    /** The id of an agent the caller's admin adds. */
    UUID addAgent(Caller admin, String email, List<UUID> departmentIds) {
        Map<?, ?> created = post(
                        admin,
                        "/api/tenant/users",
                        Map.of(
                                "email",
                                email,
                                "displayName",
                                "Agent Smith",
                                "password",
                                PASSWORD,
                                "roles",
                                List.of("agent"),
                                "departmentIds",
                                departmentIds.stream().map(UUID::toString).toList(),
                                "maxChats",
                                5))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(created).isNotNull();
        return UUID.fromString((String) created.get("id"));
    }

    /** A public endpoint (no caller): auth, sign-up. Null values are sent as JSON null. */
    WebTestClient.ResponseSpec postPublic(String path, Map<String, ?> body) {
        return http.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new java.util.HashMap<>(body))
                .exchange();
    }

    /** The body of a 200 answer. */
    static Map<?, ?> okBody(WebTestClient.ResponseSpec response) {
        Map<?, ?> body = response.expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).isNotNull();
        return body;
    }

    static void isError(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }
}
