package dev.parley.session.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.session.SessionHttpIT;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** After a chat the visitor rates it and may ask for its transcript; agents read the rating. */
class FeedbackIT extends SessionHttpIT {

    final UUID tenant = UUID.randomUUID();
    final UUID site = UUID.randomUUID();
    final UUID agent = UUID.randomUUID();

    @Test
    void theVisitorRatesTheirClosedChatOnceAndAgentsReadIt() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "CLOSED");

        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/conversations/{id}/rating", conversation)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.conversationId")
                .isEqualTo(conversation.toString())
                .jsonPath("$.rating")
                .isEmpty();

        rate(visitor, conversation, Map.of("score", 5, "comment", "  Quick and kind  "))
                .expectStatus()
                .isNoContent();

        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/conversations/{id}/rating", conversation)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.rating.score")
                .isEqualTo(5)
                .jsonPath("$.rating.comment")
                .isEqualTo("Quick and kind")
                .jsonPath("$.rating.ratedAt")
                .isNotEmpty();

        rate(visitor, conversation, Map.of("score", 1))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("already_rated");
        assertThat(query(tenant, "select score from conversation_rating", row -> row.get(0, Short.class)))
                .containsExactly((short) 5);

        UUID other = visitor(tenant, site);
        UUID withoutComment = conversationOf(tenant, other, "CLOSED");
        rate(other, withoutComment, Map.of("score", 1)).expectStatus().isNoContent();
    }

    @Test
    void aChatStillOpenCannotBeRated() {
        UUID visitor = visitor(tenant, site);
        for (String state : List.of("REQUESTED", "QUEUED", "ASSIGNED", "ACTIVE")) {
            UUID conversation = conversationOf(tenant, visitor, state);
            rate(visitor, conversation, Map.of("score", 4))
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("conversation_open");
            execute(tenant, "update conversation set state = 'CLOSED' where id = '" + conversation + "'");
        }
        assertThat(count(tenant, "select count(*) from conversation_rating")).isZero();
    }

    @Test
    void aRatingOutOfRangeOrNotAWholeNumberIsRefused() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "CLOSED");
        Map<String, Object> missing = new HashMap<>();
        missing.put("comment", "no score");
        Map<String, Object> nullScore = new HashMap<>();
        nullScore.put("score", null);
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of("score", 0),
                Map.<String, Object>of("score", 6),
                Map.<String, Object>of("score", -1),
                Map.<String, Object>of("score", 4.5),
                Map.<String, Object>of("score", "4"),
                Map.<String, Object>of("score", 10_000_000_000L),
                Map.<String, Object>of("score", 3, "comment", "x".repeat(1001)),
                missing,
                nullScore)) {
            rate(visitor, conversation, body)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid");
        }
        assertThat(count(tenant, "select count(*) from conversation_rating")).isZero();
        rate(visitor, conversation, Map.of("score", 3, "comment", "x".repeat(1000)))
                .expectStatus()
                .isNoContent();
    }

    @Test
    void onlyTheChatsOwnVisitorRatesItAndOnlyAgentsReadRatings() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "CLOSED");
        UUID stranger = visitor(tenant, site);

        rate(stranger, conversation, Map.of("score", 1))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        rate(visitor, UUID.randomUUID(), Map.of("score", 1))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        as(agentCaller(tenant, agent))
                .post()
                .uri("/api/session/conversations/{id}/rating", conversation)
                .bodyValue(Map.of("score", 5))
                .exchange()
                .expectStatus()
                .isForbidden();
        as(visitorCaller(tenant, visitor))
                .get()
                .uri("/api/session/conversations/{id}/rating", conversation)
                .exchange()
                .expectStatus()
                .isForbidden();
        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/conversations/{id}/rating", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(count(tenant, "select count(*) from conversation_rating")).isZero();
    }

    @Test
    void theVisitorAsksForTheTranscriptByEmail() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "ACTIVE");

        String id = as(visitorCaller(tenant, visitor))
                .post()
                .uri("/api/session/conversations/{id}/transcript", conversation)
                .bodyValue(Map.of("email", " ada@example.com "))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Accepted.class)
                .returnResult()
                .getResponseBody()
                .id()
                .toString();

        assertThat(query(
                        tenant,
                        "select conversation_id, visitor_id, email, status from transcript_request where id = '" + id
                                + "'",
                        row -> row.get("conversation_id", UUID.class) + " " + row.get("visitor_id", UUID.class) + " "
                                + row.get("email", String.class) + " " + row.get("status", String.class)))
                .containsExactly(conversation + " " + visitor + " ada@example.com requested");
    }

    @Test
    void aTranscriptGoesOnlyToAPlausibleAddressAndOnlyForTheVisitorsOwnChat() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "CLOSED");
        Map<String, Object> noEmail = new HashMap<>();
        noEmail.put("email", null);
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of("email", ""),
                Map.<String, Object>of("email", "ada"),
                Map.<String, Object>of("email", "ada@example"),
                Map.<String, Object>of("email", "ada @example.com"),
                Map.<String, Object>of("email", "a@" + "x".repeat(250) + ".com"),
                Map.<String, Object>of(),
                noEmail)) {
            transcript(visitor, conversation, body)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid");
        }
        transcript(visitor(tenant, site), conversation, Map.of("email", "ada@example.com"))
                .expectStatus()
                .isForbidden();
        transcript(visitor, UUID.randomUUID(), Map.of("email", "ada@example.com"))
                .expectStatus()
                .isNotFound();
        as(agentCaller(tenant, agent))
                .post()
                .uri("/api/session/conversations/{id}/transcript", conversation)
                .bodyValue(Map.of("email", "ada@example.com"))
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(count(tenant, "select count(*) from transcript_request")).isZero();
    }

    record Accepted(UUID id) {}

    private ResponseSpec rate(UUID visitor, UUID conversation, Map<String, ?> body) {
        return as(visitorCaller(tenant, visitor))
                .post()
                .uri("/api/session/conversations/{id}/rating", conversation)
                .bodyValue(body)
                .exchange();
    }

    private ResponseSpec transcript(UUID visitor, UUID conversation, Map<String, ?> body) {
        return as(visitorCaller(tenant, visitor))
                .post()
                .uri("/api/session/conversations/{id}/transcript", conversation)
                .bodyValue(body)
                .exchange();
    }
}
