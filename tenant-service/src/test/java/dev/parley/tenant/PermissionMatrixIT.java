package dev.parley.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.web.Caller;
import dev.parley.platform.web.Permission;
import dev.parley.tenant.TenantClient.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The permission matrix, asked of every tenant-service endpoint with each role alone (and as a
 * visitor): a role the {@link Permission} row grants gets past the check (whatever the answer to
 * its empty or made-up input is, never 403), any other gets 403 {@code forbidden}. Bodies are
 * invalid on purpose where that keeps an allowed call from changing anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixIT extends TenantIT {

    private static final UUID NOBODY = UUID.randomUUID();

    private Tenant acme;

    /** One endpoint, what it needs, and what to send it. */
    record Endpoint(String method, String path, Permission needs, Map<String, ?> body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        Map<String, ?> empty = Map.of();
        return List.of(
                new Endpoint("GET", "/api/tenant/users", Permission.USE_CONSOLE, empty),
                new Endpoint("POST", "/api/tenant/users", Permission.MANAGE_USERS, empty),
                new Endpoint("PATCH", "/api/tenant/users/" + NOBODY, Permission.MANAGE_USERS, empty),
                new Endpoint("POST", "/api/tenant/users/" + NOBODY + "/deactivate", Permission.MANAGE_USERS, empty),
                new Endpoint("POST", "/api/tenant/users/" + NOBODY + "/reactivate", Permission.MANAGE_USERS, empty),
                new Endpoint("DELETE", "/api/tenant/users/" + NOBODY, Permission.MANAGE_USERS, empty),
                new Endpoint("GET", "/api/tenant/invitations", Permission.MANAGE_USERS, empty),
                new Endpoint("POST", "/api/tenant/invitations", Permission.MANAGE_USERS, empty),
                new Endpoint("DELETE", "/api/tenant/invitations/" + NOBODY, Permission.MANAGE_USERS, empty),
                new Endpoint("GET", "/api/tenant/sites", Permission.USE_CONSOLE, empty),
                new Endpoint("POST", "/api/tenant/sites", Permission.MANAGE_SETTINGS, empty),
                new Endpoint("PUT", "/api/tenant/sites/" + NOBODY + "/origins", Permission.MANAGE_SETTINGS, empty),
                new Endpoint("GET", "/api/tenant/sites/" + NOBODY + "/widget", Permission.MANAGE_SETTINGS, empty),
                new Endpoint("PUT", "/api/tenant/sites/" + NOBODY + "/widget", Permission.MANAGE_SETTINGS, empty),
                new Endpoint("GET", "/api/tenant/departments", Permission.USE_CONSOLE, empty),
                new Endpoint("POST", "/api/tenant/departments", Permission.MANAGE_SETTINGS, empty),
                new Endpoint("PUT", "/api/tenant/departments/" + NOBODY, Permission.MANAGE_SETTINGS, empty),
                new Endpoint("DELETE", "/api/tenant/departments/" + NOBODY, Permission.MANAGE_SETTINGS, empty),
                new Endpoint("GET", "/api/tenant/chat-rules", Permission.MANAGE_SETTINGS, empty),
                new Endpoint("PUT", "/api/tenant/chat-rules", Permission.MANAGE_SETTINGS, empty),
                new Endpoint("GET", "/api/tenant/mood-terms", Permission.USE_CONSOLE, empty),
                new Endpoint("PUT", "/api/tenant/mood-terms", Permission.MANAGE_SETTINGS, empty),
                new Endpoint("GET", "/api/tenant/canned-responses", Permission.USE_CONSOLE, empty),
                new Endpoint(
                        "POST",
                        "/api/tenant/canned-responses",
                        Permission.MANAGE_SETTINGS,
                        // Sharing needs the setting's permission; the shortcut is invalid, so nothing is stored.
                        Map.of("shortcut", "!", "text", "t", "shared", true)),
                new Endpoint("POST", "/api/tenant/canned-responses", Permission.USE_CONSOLE, Map.of("shortcut", "!")),
                new Endpoint("GET", "/api/tenant/account", Permission.USE_CONSOLE, empty),
                new Endpoint("GET", "/api/tenant/billing", Permission.BILLING, empty),
                // An unknown plan: an owner gets 400, nobody reaches Stripe.
                new Endpoint("POST", "/api/tenant/billing/checkout", Permission.BILLING, Map.of("plan", "nope")),
                new Endpoint("POST", "/api/tenant/billing/portal", Permission.BILLING, empty));
    }

    static Stream<Arguments> everyEndpointWithEveryRole() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (String role : Permission.Roles.ALL) {
                cases.add(Arguments.of(endpoint, role));
            }
            cases.add(Arguments.of(endpoint, "visitor"));
        }
        return cases.stream();
    }

    @BeforeAll
    void tenant() {
        acme = new TenantClient(http()).signUp("Acme permissions");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointWithEveryRole")
    void eachRoleIsAllowedExactlyWhatTheMatrixSays(Endpoint endpoint, String role) {
        boolean visitor = role.equals("visitor");
        Caller caller = new Caller(
                acme.tenantId(),
                UUID.randomUUID(),
                visitor ? Caller.Kind.VISITOR : Caller.Kind.AGENT,
                visitor ? Set.of() : Set.of(role),
                "Someone");
        boolean allowed = endpoint.needs().allows(caller);
        assertThat(allowed).isEqualTo(!visitor && endpoint.needs().roles().contains(role));

        EntityExchangeResult<byte[]> answer = http().method(
                        org.springframework.http.HttpMethod.valueOf(endpoint.method()))
                .uri(endpoint.path())
                .headers(caller::writeTo)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(endpoint.body())
                .exchange()
                .expectBody()
                .returnResult();
        String body = answer.getResponseBodyContent() == null ? "" : new String(answer.getResponseBodyContent());
        if (allowed) {
            assertThat(answer.getStatus().value()).as(body).isNotEqualTo(403).isLessThan(500);
        } else {
            assertThat(answer.getStatus().value()).as(body).isEqualTo(403);
            assertThat(body).contains("\"code\":\"forbidden\"");
        }
    }
}
