package dev.parley.session.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.web.Caller;
import dev.parley.session.SessionHttpIT;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** A visitor leaves a message when nobody can chat; the tenant's agents read it and mark it handled. */
class OfflineMessagesIT extends SessionHttpIT {

    final UUID tenant = UUID.randomUUID();
    final UUID site = UUID.randomUUID();
    final UUID agent = UUID.randomUUID();

    @Test
    void aVisitorsMessageReachesTheTenantsAgentsNewestFirstUntilHandled() {
        UUID ada = visitor(tenant, site);
        UUID grace = visitor(tenant, site);
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("order", "A-17");
        answers.put("topic", "  returns ");
        String first = leave(
                visitorCaller(tenant, ada),
                Map.of(
                        "name", " Ada ",
                        "email", "ada@example.com",
                        "message", "Where is my parcel?",
                        "answers", answers,
                        "pageUrl", "https://shop.example/orders/17"));
        String second = leave(
                visitorCaller(tenant, grace),
                Map.of("name", "Grace", "email", "grace@example.org", "message", "Do you ship to Norway?"));

        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/offline-messages")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.offlineMessages.length()")
                .isEqualTo(2)
                .jsonPath("$.offlineMessages[0].id")
                .isEqualTo(second)
                .jsonPath("$.offlineMessages[0].visitorId")
                .isEqualTo(grace.toString())
                .jsonPath("$.offlineMessages[0].answers")
                .isEmpty()
                .jsonPath("$.offlineMessages[0].pageUrl")
                .isEmpty()
                .jsonPath("$.offlineMessages[1].id")
                .isEqualTo(first)
                .jsonPath("$.offlineMessages[1].visitorId")
                .isEqualTo(ada.toString())
                .jsonPath("$.offlineMessages[1].name")
                .isEqualTo("Ada")
                .jsonPath("$.offlineMessages[1].email")
                .isEqualTo("ada@example.com")
                .jsonPath("$.offlineMessages[1].message")
                .isEqualTo("Where is my parcel?")
                .jsonPath("$.offlineMessages[1].answers.order")
                .isEqualTo("A-17")
                .jsonPath("$.offlineMessages[1].answers.topic")
                .isEqualTo("returns")
                .jsonPath("$.offlineMessages[1].pageUrl")
                .isEqualTo("https://shop.example/orders/17")
                .jsonPath("$.offlineMessages[1].createdAt")
                .value(createdAt ->
                        assertThat(Instant.parse((String) createdAt)).isBefore(Instant.now()))
                .jsonPath("$.offlineMessages[1].handled")
                .isEqualTo(false);
        assertThat(query(
                        tenant,
                        "select site_id from offline_message where id = '" + first + "'",
                        row -> row.get(0, UUID.class)))
                .as("stored for the visitor's site")
                .containsExactly(site);

        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/offline-messages?limit=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.offlineMessages.length()")
                .isEqualTo(1);

        for (int time = 0; time < 2; time++) {
            as(agentCaller(tenant, agent))
                    .post()
                    .uri("/api/session/offline-messages/{id}/handled", first)
                    .exchange()
                    .expectStatus()
                    .isNoContent();
        }
        as(agentCaller(tenant, UUID.randomUUID()))
                .get()
                .uri("/api/session/offline-messages")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.offlineMessages[0].handled")
                .isEqualTo(false)
                .jsonPath("$.offlineMessages[1].handled")
                .isEqualTo(true);
        assertThat(query(
                        tenant,
                        "select handled_by from offline_message where id = '" + first + "'",
                        row -> row.get(0, UUID.class)))
                .containsExactly(agent);
    }

    @Test
    void aMalformedMessageIsRefusedAndNothingIsStored() {
        UUID visitor = visitor(tenant, site);
        Map<String, String> tooManyAnswers = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            tooManyAnswers.put("q" + i, "a");
        }
        List<Map<String, Object>> bad = List.of(
                form("", "ada@example.com", "Hi"),
                form("   ", "ada@example.com", "Hi"),
                form("x".repeat(81), "ada@example.com", "Hi"),
                form("Ada", "not an address", "Hi"),
                form("Ada", "ada@localhost", "Hi"),
                form("Ada", "a@b@example.com", "Hi"),
                form("Ada", "a@" + "x".repeat(250) + ".com", "Hi"),
                form("Ada", "ada@example.com", ""),
                form("Ada", "ada@example.com", "x".repeat(4001)),
                with(form("Ada", "ada@example.com", "Hi"), "pageUrl", "https://shop.example/" + "x".repeat(2048)),
                with(form("Ada", "ada@example.com", "Hi"), "answers", tooManyAnswers),
                with(form("Ada", "ada@example.com", "Hi"), "answers", Map.of("order", "x".repeat(501))),
                with(form("Ada", "ada@example.com", "Hi"), "answers", Map.of("order", Map.of("nested", "no"))),
                Map.of("email", "ada@example.com", "message", "Hi"),
                Map.of("name", "Ada", "message", "Hi"),
                Map.of("name", "Ada", "email", "ada@example.com"));
        for (Map<String, Object> body : bad) {
            as(visitorCaller(tenant, visitor))
                    .post()
                    .uri("/api/session/offline-messages")
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid");
        }
        assertThat(count(tenant, "select count(*) from offline_message")).isZero();

        // The limits themselves are allowed.
        leave(
                visitorCaller(tenant, visitor),
                with(
                        with(
                                form("x".repeat(80), "ada@example.com", "x".repeat(4000)),
                                "answers",
                                Map.of("order", "x".repeat(500))),
                        "pageUrl",
                        "https://shop.example/" + "x".repeat(2048 - 21)));
    }

    @Test
    void onlyVisitorsLeaveMessagesAndOnlyAgentsReadThem() {
        UUID visitor = visitor(tenant, site);
        String id = leave(visitorCaller(tenant, visitor), form("Ada", "ada@example.com", "Hi"));

        as(agentCaller(tenant, agent))
                .post()
                .uri("/api/session/offline-messages")
                .bodyValue(form("Ada", "ada@example.com", "Hi"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        as(visitorCaller(tenant, visitor))
                .get()
                .uri("/api/session/offline-messages")
                .exchange()
                .expectStatus()
                .isForbidden();
        as(visitorCaller(tenant, visitor))
                .post()
                .uri("/api/session/offline-messages/{id}/handled", id)
                .exchange()
                .expectStatus()
                .isForbidden();
        http().get()
                .uri("/api/session/offline-messages")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        for (String limit : List.of("0", "201", "many")) {
            as(agentCaller(tenant, agent))
                    .get()
                    .uri("/api/session/offline-messages?limit=" + limit)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid");
        }
        as(agentCaller(tenant, agent))
                .post()
                .uri("/api/session/offline-messages/{id}/handled", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        assertThat(count(tenant, "select count(*) from offline_message where handled_at is not null"))
                .isZero();
    }

    private String leave(Caller visitor, Map<String, ?> body) {
        return as(visitor)
                .post()
                .uri("/api/session/offline-messages")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Created.class)
                .returnResult()
                .getResponseBody()
                .id()
                .toString();
    }

    record Created(UUID id) {}

    private static Map<String, Object> form(String name, String email, String message) {
        return Map.of("name", name, "email", email, "message", message);
    }

    private static Map<String, Object> with(Map<String, Object> form, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(form);
        copy.put(field, value);
        return copy;
    }
}
