package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.PASSWORD;
import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.testing.ServiceIT;
import dev.parley.platform.web.Caller;
import dev.parley.tenant.TenantClient.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Canned responses: shared ones kept by owners and admins, each agent's own kept by that agent. */
@SpringBootTest(
        classes = TenantApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,tenant-service", "spring.application.name=tenant-service"})
class CannedResponsesIT extends ServiceIT.WithInfrastructure {

    private static final String PATH = "/api/tenant/canned-responses";

    TenantClient tenants;
    Tenant acme;
    Caller owner;
    Caller ada;
    Caller bob;

    @BeforeEach
    void tenantWithTwoAgents() {
        tenants = new TenantClient(http());
        acme = tenants.signUp("Acme");
        owner = acme.owner();
        ada = user(acme, "Ada", List.of("agent"));
        bob = user(acme, "Bob", List.of("agent"));
    }

    @Override
    protected String serviceName() {
        return TenantApplication.NAME;
    }

    @Test
    void anAgentSeesTheSharedOnesAndTheirOwnSortedByShortcutTheirOwnFirst() {
        Map<String, Object> shared = created(
                owner,
                Map.of(
                        "shortcut",
                        "hello",
                        "title",
                        "Greeting",
                        "text",
                        "Hi {visitor.name}, I'm {agent.name}.",
                        "shared",
                        true));
        created(owner, Map.of("shortcut", "bye", "text", "Goodbye!", "shared", true));
        Map<String, Object> adasHello = created(ada, Map.of("shortcut", "Hello", "text", "Hey there!\n"));
        created(ada, Map.of("shortcut", "/a-1", "text", "First"));
        created(bob, Map.of("shortcut", "hello", "text", "Bob's hello"));

        assertThat(shared)
                .containsEntry("shortcut", "hello")
                .containsEntry("title", "Greeting")
                .containsEntry("text", "Hi {visitor.name}, I'm {agent.name}.")
                .containsEntry("shared", true)
                .containsKey("id");
        assertThat(adasHello)
                .containsEntry("shortcut", "hello")
                .containsEntry("title", null)
                .containsEntry("text", "Hey there!\n")
                .containsEntry("shared", false);

        List<Map<String, Object>> seen = list(ada);
        assertThat(seen)
                .extracting(r -> r.get("shortcut") + ":" + r.get("text"))
                .containsExactly(
                        "a-1:First",
                        "bye:Goodbye!",
                        "hello:Hey there!\n",
                        "hello:Hi {visitor.name}, I'm {agent.name}.");
        assertThat(list(owner)).extracting(r -> r.get("shortcut")).containsExactly("bye", "hello");
    }

    @Test
    void anAgentChangesAndDeletesTheirOwn() {
        String id = (String) created(ada, Map.of("shortcut", "ship", "text", "Ships in 2 days"))
                .get("id");

        tenants.put(ada, PATH + "/" + id, Map.of("shortcut", "shipping", "title", "Shipping", "text", "Ships in 1 day"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id)
                .jsonPath("$.shortcut")
                .isEqualTo("shipping")
                .jsonPath("$.title")
                .isEqualTo("Shipping")
                .jsonPath("$.shared")
                .isEqualTo(false);
        assertThat(list(ada)).extracting(r -> r.get("text")).containsExactly("Ships in 1 day");

        delete(ada, id).expectStatus().isNoContent();
        assertThat(list(ada)).isEmpty();
        isError(delete(ada, id), HttpStatus.NOT_FOUND, "not_found");
    }

    @Test
    void onlyOwnersAndAdminsKeepTheSharedOnes() {
        String id = (String) created(owner, Map.of("shortcut", "hours", "text", "We open at 9", "shared", true))
                .get("id");
        Caller admin = user(acme, "Admin", List.of("admin"));
        Caller supervisor = user(acme, "Sue", List.of("supervisor", "agent"));

        isError(
                tenants.post(ada, PATH, Map.of("shortcut", "x", "text", "x", "shared", true)),
                HttpStatus.FORBIDDEN,
                "forbidden");
        isError(
                tenants.post(supervisor, PATH, Map.of("shortcut", "x", "text", "x", "shared", true)),
                HttpStatus.FORBIDDEN,
                "forbidden");
        isError(
                tenants.put(ada, PATH + "/" + id, Map.of("shortcut", "hours", "text", "Changed")),
                HttpStatus.FORBIDDEN,
                "forbidden");
        isError(delete(supervisor, id), HttpStatus.FORBIDDEN, "forbidden");
        assertThat(list(ada)).extracting(r -> r.get("text")).containsExactly("We open at 9");

        tenants.put(admin, PATH + "/" + id, Map.of("shortcut", "hours", "text", "We open at 8"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.shared")
                .isEqualTo(true);
        created(admin, Map.of("shortcut", "returns", "text", "30 days", "shared", true));
        assertThat(list(ada)).extracting(r -> r.get("text")).containsExactly("We open at 8", "30 days");
        delete(admin, id).expectStatus().isNoContent();

        Caller visitor = new Caller(acme.tenantId(), UUID.randomUUID(), Caller.Kind.VISITOR, Set.of(), "");
        isError(tenants.get(visitor, PATH), HttpStatus.FORBIDDEN, "forbidden");
        isError(http().get().uri(PATH).exchange(), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    void aShortcutIsUniqueInItsScope() {
        String sharedId = (String) created(owner, Map.of("shortcut", "hi", "text", "Shared hi", "shared", true))
                .get("id");
        isError(
                tenants.post(owner, PATH, Map.of("shortcut", "HI", "text", "Again", "shared", true)),
                HttpStatus.CONFLICT,
                "duplicate_shortcut");

        // An own one may shadow the shared one, once per agent.
        created(ada, Map.of("shortcut", "hi", "text", "Ada's hi"));
        created(bob, Map.of("shortcut", "hi", "text", "Bob's hi"));
        isError(
                tenants.post(ada, PATH, Map.of("shortcut", "hi", "text", "Ada's second")),
                HttpStatus.CONFLICT,
                "duplicate_shortcut");

        // A change onto a taken shortcut is refused and changes nothing.
        String thanks = (String)
                created(ada, Map.of("shortcut", "thanks", "text", "Thanks!")).get("id");
        isError(
                tenants.put(ada, PATH + "/" + thanks, Map.of("shortcut", "hi", "text", "Thanks!")),
                HttpStatus.CONFLICT,
                "duplicate_shortcut");
        created(owner, Map.of("shortcut", "bye", "text", "Bye", "shared", true));
        isError(
                tenants.put(owner, PATH + "/" + sharedId, Map.of("shortcut", "bye", "text", "Shared hi")),
                HttpStatus.CONFLICT,
                "duplicate_shortcut");
        assertThat(list(ada))
                .extracting(r -> r.get("shortcut") + ":" + r.get("text"))
                .containsExactly("bye:Bye", "hi:Ada's hi", "hi:Shared hi", "thanks:Thanks!");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"text":"t"}                                  | shortcut
            {"shortcut":"-dash","text":"t"}               | shortcut
            {"shortcut":"has space","text":"t"}           | shortcut
            {"shortcut":"ok","text":""}                   | text
            {"shortcut":"ok","text":"   "}                | text
            {"shortcut":"ok"}                             | text
            """)
    void aMalformedResponseNamesTheField(String body, String field) {
        http().post()
                .uri(PATH)
                .headers(ada::writeTo)
                .header("Content-Type", "application/json")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid")
                .jsonPath("$.message")
                .value(message -> assertThat((String) message).startsWith(field));
    }

    @Test
    void lengthsAreBounded() {
        isError(
                tenants.post(ada, PATH, Map.of("shortcut", "a".repeat(33), "text", "t")),
                HttpStatus.BAD_REQUEST,
                "invalid");
        isError(
                tenants.post(ada, PATH, Map.of("shortcut", "t", "title", "x".repeat(81), "text", "t")),
                HttpStatus.BAD_REQUEST,
                "invalid");
        isError(
                tenants.post(ada, PATH, Map.of("shortcut", "t", "text", "x".repeat(2001))),
                HttpStatus.BAD_REQUEST,
                "invalid");
        created(ada, Map.of("shortcut", "a".repeat(32), "title", "x".repeat(80), "text", "x".repeat(2000)));
        assertThat(list(ada)).hasSize(1);
    }

    @Test
    void anotherAgentsOwnAndAnotherTenantsAreNotFoundAndStayUnchanged() {
        Tenant globex = tenants.signUp("Globex");
        String adas = (String)
                created(ada, Map.of("shortcut", "mine", "text", "Ada's")).get("id");
        String shared = (String) created(owner, Map.of("shortcut", "ours", "text", "Acme's", "shared", true))
                .get("id");
        Caller stranger = globex.owner();

        for (Caller caller : List.of(bob, owner)) {
            isError(
                    tenants.put(caller, PATH + "/" + adas, Map.of("shortcut", "mine", "text", "Taken over")),
                    HttpStatus.NOT_FOUND,
                    "not_found");
            isError(delete(caller, adas), HttpStatus.NOT_FOUND, "not_found");
        }
        for (String id : List.of(adas, shared)) {
            isError(
                    tenants.put(stranger, PATH + "/" + id, Map.of("shortcut", "ours", "text", "Globex was here")),
                    HttpStatus.NOT_FOUND,
                    "not_found");
            isError(delete(stranger, id), HttpStatus.NOT_FOUND, "not_found");
        }

        assertThat(list(stranger)).isEmpty();
        assertThat(list(bob)).extracting(r -> r.get("text")).containsExactly("Acme's");
        assertThat(list(ada)).extracting(r -> r.get("text")).containsExactly("Ada's", "Acme's");
        isError(
                tenants.put(owner, PATH + "/" + UUID.randomUUID(), Map.of("shortcut", "x", "text", "x")),
                HttpStatus.NOT_FOUND,
                "not_found");
    }

    /** A console user of the tenant, as the gateway names them after their login. */
    private Caller user(Tenant tenant, String name, List<String> roles) {
        Map<?, ?> user = tenants.post(
                        tenant.owner(),
                        "/api/tenant/users",
                        Map.of(
                                "email",
                                uniqueEmail(name.toLowerCase()),
                                "displayName",
                                name,
                                "password",
                                PASSWORD,
                                "roles",
                                roles))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(user).isNotNull();
        return new Caller(
                tenant.tenantId(),
                UUID.fromString((String) user.get("id")),
                Caller.Kind.AGENT,
                Set.copyOf(roles),
                name);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> created(Caller caller, Map<String, Object> body) {
        Map<String, Object> answer = tenants.post(caller, PATH, body)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).isNotNull();
        return new HashMap<>(answer);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(Caller caller) {
        Map<String, Object> answer = tenants.get(caller, PATH)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).isNotNull();
        return (List<Map<String, Object>>) answer.get("cannedResponses");
    }

    private WebTestClient.ResponseSpec delete(Caller caller, String id) {
        return http().delete().uri(PATH + "/" + id).headers(caller::writeTo).exchange();
    }
}
