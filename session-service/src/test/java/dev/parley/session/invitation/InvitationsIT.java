package dev.parley.session.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.session.SessionHttpIT;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import tools.jackson.databind.JsonNode;

/** An agent invites a visitor browsing the site; the visitor's channel carries it to their open widget. */
class InvitationsIT extends SessionHttpIT {

    final UUID tenant = UUID.randomUUID();
    final UUID site = UUID.randomUUID();
    final UUID agent = UUID.randomUUID();

    @Test
    void theInvitationIsStoredAndReachesTheVisitorsChannelWithTheAgentsName() {
        publish(tenantWithAgent(tenant, site, agent, "Ada Lovelace"));
        UUID visitor = visitor(tenant, site);
        List<JsonNode> frames = listen(DeliveryChannels.visitor(tenant, visitor));

        String id = invite(visitor, Map.of("message", "  Need help choosing a size?  "))
                .expectStatus()
                .isAccepted()
                .expectBody(Accepted.class)
                .returnResult()
                .getResponseBody()
                .id()
                .toString();

        eventually().until(() -> !frames.isEmpty());
        JsonNode frame = frames.getFirst();
        assertThat(frame.path("type").asString()).isEqualTo("invitation");
        assertThat(frame.path("id").asString()).isEqualTo(id);
        assertThat(frame.path("message").asString()).isEqualTo("Need help choosing a size?");
        assertThat(frame.path("agent").path("id").asString()).isEqualTo(agent.toString());
        assertThat(frame.path("agent").path("name").asString())
                .as("the name in the tenant's snapshot, not the one in the caller's headers")
                .isEqualTo("Ada Lovelace");
        assertThat(query(
                        tenant,
                        "select visitor_id, agent_id, message from invitation where id = '" + id + "'",
                        row -> row.get(0, UUID.class) + " " + row.get(1, UUID.class) + " " + row.get(2, String.class)))
                .containsExactly(visitor + " " + agent + " Need help choosing a size?");
    }

    @Test
    void aMalformedInvitationIsRefusedAndNothingIsSent() {
        UUID visitor = visitor(tenant, site);
        List<JsonNode> frames = listen(DeliveryChannels.visitor(tenant, visitor));
        Map<String, Object> nullMessage = new HashMap<>();
        nullMessage.put("message", null);
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of(),
                nullMessage,
                Map.<String, Object>of("message", ""),
                Map.<String, Object>of("message", "   "),
                Map.<String, Object>of("message", "x".repeat(501)))) {
            invite(visitor, body)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid");
        }
        assertThat(count(tenant, "select count(*) from invitation")).isZero();

        invite(visitor, Map.of("message", "x".repeat(500))).expectStatus().isAccepted();
        eventually().until(() -> !frames.isEmpty());
        assertThat(frames)
                .as("only the valid one was published; Redis keeps one channel's order")
                .hasSize(1);
        assertThat(frames.getFirst().path("message").asString()).hasSize(500);
    }

    @Test
    void onlyAgentsInviteAndOnlyVisitorsOfTheirTenant() {
        UUID visitor = visitor(tenant, site);
        as(visitorCaller(tenant, visitor))
                .post()
                .uri("/api/session/visitors/{id}/invitations", visitor)
                .bodyValue(Map.of("message", "Hello me"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        invite(UUID.randomUUID(), Map.of("message", "Hello?"))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        assertThat(count(tenant, "select count(*) from invitation")).isZero();
    }

    @Test
    void anAgentMissingFromTheSnapshotIsNamedAsTheirSignInSays() {
        UUID visitor = visitor(tenant, site);
        List<JsonNode> frames = listen(DeliveryChannels.visitor(tenant, visitor));

        invite(visitor, Map.of("message", "Hi!")).expectStatus().isAccepted();

        eventually().until(() -> !frames.isEmpty());
        assertThat(frames.getFirst().path("agent").path("name").asString()).isEqualTo("Signed-in name");
    }

    record Accepted(UUID id) {}

    private ResponseSpec invite(UUID visitor, Map<String, ?> body) {
        return as(agentCaller(tenant, agent))
                .post()
                .uri("/api/session/visitors/{id}/invitations", visitor)
                .bodyValue(body)
                .exchange();
    }
}
