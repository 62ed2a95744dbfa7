package dev.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.platform.web.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Tenant B's agents and visitors try tenant A's ids on every endpoint about visitors and feedback:
 * each answer is 404, as for an id that exists nowhere, and nothing of A's changes.
 */
class VisitorDataTenantIsolationIT extends SessionHttpIT {

    final UUID tenantA = UUID.randomUUID();
    final UUID siteA = UUID.randomUUID();
    final UUID agentA = UUID.randomUUID();
    final UUID tenantB = UUID.randomUUID();
    final UUID siteB = UUID.randomUUID();
    final UUID agentB = UUID.randomUUID();

    @Test
    void anotherTenantsIdsAreNotFoundAndStayUntouched() {
        UUID visitorA = visitor(tenantA, siteA);
        UUID conversationA = conversationOf(tenantA, visitorA, "CLOSED");
        UUID visitorB = visitor(tenantB, siteB);
        Caller a = visitorCaller(tenantA, visitorA);
        as(a).post()
                .uri("/api/session/visitors/me/page-views")
                .bodyValue(Map.of("url", "https://a.example/"))
                .exchange()
                .expectStatus()
                .isNoContent();
        UUID offlineA = as(a).post()
                .uri("/api/session/offline-messages")
                .bodyValue(Map.of("name", "Ada", "email", "ada@a.example", "message", "Hello A"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Created.class)
                .returnResult()
                .getResponseBody()
                .id();
        List<JsonNode> framesA = listen(DeliveryChannels.visitor(tenantA, visitorA));
        Caller strangerAgent = agentCaller(tenantB, agentB);
        Caller strangerVisitor = visitorCaller(tenantB, visitorB);

        as(strangerAgent)
                .post()
                .uri("/api/session/offline-messages/{id}/handled", offlineA)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        as(strangerAgent)
                .get()
                .uri("/api/session/visitors/{id}/page-views", visitorA)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        as(strangerAgent)
                .post()
                .uri("/api/session/visitors/{id}/invitations", visitorA)
                .bodyValue(Map.of("message", "Come to B instead"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        as(strangerVisitor)
                .post()
                .uri("/api/session/conversations/{id}/rating", conversationA)
                .bodyValue(Map.of("score", 1, "comment", "sabotage"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        as(strangerVisitor)
                .post()
                .uri("/api/session/conversations/{id}/transcript", conversationA)
                .bodyValue(Map.of("email", "thief@b.example"))
                .exchange()
                .expectStatus()
                .isNotFound();
        as(strangerAgent)
                .get()
                .uri("/api/session/conversations/{id}/rating", conversationA)
                .exchange()
                .expectStatus()
                .isNotFound();
        as(strangerAgent)
                .get()
                .uri("/api/session/offline-messages")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.offlineMessages")
                .isEmpty();
        as(strangerAgent)
                .get()
                .uri("/api/session/visitors/live")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.visitors")
                .isEmpty();

        // Nothing of A's changed.
        assertThat(count(tenantA, "select count(*) from offline_message where handled_at is not null"))
                .isZero();
        assertThat(count(tenantA, "select count(*) from invitation")).isZero();
        assertThat(count(tenantA, "select count(*) from conversation_rating")).isZero();
        assertThat(count(tenantA, "select count(*) from transcript_request")).isZero();
        for (UUID tenant : List.of(tenantA, tenantB)) {
            assertThat(count(tenant, "select count(*) from invitation where visitor_id = '" + visitorA + "'"))
                    .isZero();
        }
        // A's own agent invites next: the first frame on A's visitor channel is theirs, so B's was never sent.
        as(agentCaller(tenantA, agentA))
                .post()
                .uri("/api/session/visitors/{id}/invitations", visitorA)
                .bodyValue(Map.of("message", "Hello from A"))
                .exchange()
                .expectStatus()
                .isAccepted();
        eventually().until(() -> !framesA.isEmpty());
        assertThat(framesA.getFirst().path("message").asString()).isEqualTo("Hello from A");
        // And A's visitor can still rate their chat: B's attempt did not take the one rating.
        as(a).post()
                .uri("/api/session/conversations/{id}/rating", conversationA)
                .bodyValue(Map.of("score", 5))
                .exchange()
                .expectStatus()
                .isNoContent();
        as(agentCaller(tenantA, agentA))
                .get()
                .uri("/api/session/visitors/{id}/page-views", visitorA)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.pageViews.length()")
                .isEqualTo(1);
    }

    record Created(UUID id) {}
}
