package dev.parley.session.participant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.SendMessage;
import dev.parley.contracts.chat.Visibility;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.platform.messaging.CommandSender;
import dev.parley.platform.web.Caller;
import dev.parley.session.SessionHttpIT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A second agent in a visitor's chat: invited by the assigned agent or a supervisor (told on their
 * own channel), joining once with a system message through the message log, and writing to the
 * visitor only after joining. Nobody else invites or joins; another tenant finds nothing.
 */
class ParticipantsIT extends SessionHttpIT {

    @Autowired
    CommandSender commands;

    final UUID tenant = UUID.randomUUID();
    final UUID site = UUID.randomUUID();
    final UUID ann = UUID.randomUUID(); // assigned
    final UUID bea = UUID.randomUUID();
    final UUID cid = UUID.randomUUID();
    final UUID boss = UUID.randomUUID(); // supervisor
    UUID visitor;
    UUID chat;

    @BeforeEach
    void aChatAssignedToAnn() {
        publish(new TenantUpdated(
                tenant,
                1,
                "Participants " + tenant,
                "team",
                TenantUpdated.Status.ACTIVE,
                List.of(new TenantUpdated.Site(site, "site-" + tenant, "Shop", List.of("https://shop.example"))),
                List.of(),
                List.of(
                        new TenantUpdated.Agent(ann, "Ann", List.of("agent"), List.of(), 3),
                        new TenantUpdated.Agent(bea, "Bea", List.of("agent"), List.of(), 3),
                        new TenantUpdated.Agent(cid, "Cid", List.of("agent"), List.of(), 3),
                        new TenantUpdated.Agent(boss, "Boss", List.of("supervisor"), List.of(), 3)),
                Instant.now()));
        visitor = visitor(tenant, site);
        chat = assignedChat(visitor);
    }

    @Test
    void theInviteeIsToldJoinsOnceWithASystemMessageAndIsListed() {
        List<JsonNode> toBea = listen(DeliveryChannels.agent(tenant, bea));
        List<JsonNode> inChat = listen(DeliveryChannels.conversation(tenant, chat));

        JsonNode invited = invite(ann, chat, bea, 201);
        assertThat(invited.path("conversationId").asString()).isEqualTo(chat.toString());
        assertThat(invited.path("agentId").asString()).isEqualTo(bea.toString());
        eventually().until(() -> !toBea.isEmpty());
        JsonNode told = toBea.getFirst();
        assertThat(told.path("type").asString()).isEqualTo("conversation.invited");
        assertThat(told.path("conversationId").asString()).isEqualTo(chat.toString());
        assertThat(told.path("visitorName").asString()).isEqualTo("Vi");
        assertThat(told.path("by").path("id").asString()).isEqualTo(ann.toString());
        assertThat(told.path("by").path("name").asString()).isEqualTo("Ann");

        assertThat(refused(invite(ann, chat, bea, 409))).isEqualTo("already_participant");
        assertThat(refused(invite(ann, chat, ann, 409)))
                .as("the assigned agent is in it already")
                .isEqualTo("already_participant");
        assertThat(list(ann, chat).path("participants"))
                .as("invited is not joined")
                .isEmpty();

        JsonNode joined = join(bea, chat, 200);
        assertThat(joined.path("agentId").asString()).isEqualTo(bea.toString());
        assertThat(joined.path("name").asString()).isEqualTo("Bea");
        eventually().until(() -> !inChat.isEmpty());
        JsonNode announced = inChat.getFirst();
        assertThat(announced.path("type").asString()).isEqualTo("message");
        assertThat(announced.path("seq").asLong()).isEqualTo(1);
        assertThat(announced.path("sender").path("kind").asString()).isEqualTo("system");
        assertThat(announced.path("sender").has("id")).isFalse();
        assertThat(announced.path("visibility").asString()).isEqualTo("all");
        assertThat(announced.path("text").asString()).isEqualTo("Bea joined the chat");

        JsonNode again = join(bea, chat, 200);
        assertThat(again.path("joinedAt").asString())
                .isEqualTo(joined.path("joinedAt").asString());
        assertThat(count(tenant, "select count(*) from message where conversation_id = '" + chat + "'"))
                .as("a second join stores nothing")
                .isEqualTo(1);
        assertThat(count(tenant, "select last_seq from conversation where id = '" + chat + "'"))
                .isEqualTo(1);

        JsonNode participants = list(cid, chat).path("participants");
        assertThat(participants).hasSize(1);
        assertThat(participants.get(0).path("agentId").asString()).isEqualTo(bea.toString());
        assertThat(participants.get(0).path("name").asString()).isEqualTo("Bea");
        assertThat(participants.get(0).path("joinedAt").asString()).isNotBlank();

        JsonNode history = as(visitorCaller(tenant, visitor))
                .get()
                .uri("/api/session/conversations/{id}/messages", chat)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(history.path("messages").findValuesAsString("text"))
                .as("the visitor's history has it, like any message")
                .containsExactly("Bea joined the chat");
    }

    @Test
    void onlyTheAssignedAgentOrASupervisorInvitesOnlyInvitedAgentsOrSupervisorsJoin() {
        assertThat(refused(invite(cid, chat, bea, 403))).isEqualTo("forbidden");
        assertThat(refused(join(cid, chat, 403))).as("not invited").isEqualTo("forbidden");
        as(visitorCaller(tenant, visitor))
                .post()
                .uri("/api/session/conversations/{id}/participants", chat)
                .bodyValue(Map.of("agentId", bea))
                .exchange()
                .expectStatus()
                .isForbidden();
        as(visitorCaller(tenant, visitor))
                .post()
                .uri("/api/session/conversations/{id}/join", chat)
                .exchange()
                .expectStatus()
                .isForbidden();
        as(visitorCaller(tenant, visitor))
                .get()
                .uri("/api/session/conversations/{id}/participants", chat)
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(refused(invite(ann, chat, Map.of(), 400))).isEqualTo("invalid");
        assertThat(refused(invite(ann, chat, UUID.randomUUID(), 404))).isEqualTo("unknown_agent");
        assertThat(count(tenant, "select count(*) from conversation_participant"))
                .isZero();

        // A supervisor invites without being assigned, and joins without an invitation.
        invite(boss, chat, cid, 201);
        JsonNode joined = join(boss, chat, 200);
        assertThat(joined.path("name").asString()).isEqualTo("Boss");
        assertThat(query(
                        tenant,
                        "select body, sender_kind from message where conversation_id = '" + chat + "'",
                        row -> row.get(0, String.class) + " / " + row.get(1, String.class)))
                .containsExactly("Boss joined the chat / SYSTEM");
        assertThat(list(ann, chat).path("participants").findValuesAsString("agentId"))
                .containsExactly(boss.toString());

        UUID closed = assignedChat(visitor(tenant, site));
        invite(ann, closed, bea, 201);
        execute(tenant, "update conversation set state = 'CLOSED' where id = '" + closed + "'");
        assertThat(refused(invite(ann, closed, cid, 409))).isEqualTo("conversation_closed");
        assertThat(refused(join(bea, closed, 409))).isEqualTo("conversation_closed");
        assertThat(refused(join(boss, closed, 409))).isEqualTo("conversation_closed");
        assertThat(count(tenant, "select count(*) from message where conversation_id = '" + closed + "'"))
                .isZero();
    }

    @Test
    void anotherTenantsIdsAreNotFoundAndNothingIsStored() {
        UUID otherTenant = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        publish(new TenantUpdated(
                otherTenant,
                1,
                "Other",
                "team",
                TenantUpdated.Status.ACTIVE,
                List.of(),
                List.of(),
                List.of(new TenantUpdated.Agent(stranger, "Stranger", List.of("owner"), List.of(), 3)),
                Instant.now()));
        Caller strangerCaller = new Caller(otherTenant, stranger, Caller.Kind.AGENT, Set.of("owner"), "Stranger");

        for (var spec : List.of(
                as(strangerCaller)
                        .post()
                        .uri("/api/session/conversations/{id}/participants", chat)
                        .bodyValue(Map.of("agentId", stranger))
                        .exchange(),
                as(strangerCaller)
                        .post()
                        .uri("/api/session/conversations/{id}/join", chat)
                        .exchange(),
                as(strangerCaller)
                        .get()
                        .uri("/api/session/conversations/{id}/participants", chat)
                        .exchange())) {
            spec.expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        }
        assertThat(refused(invite(ann, chat, stranger, 404)))
                .as("another tenant's agent")
                .isEqualTo("unknown_agent");
        assertThat(count(tenant, "select count(*) from conversation_participant"))
                .isZero();
        assertThat(count(tenant, "select count(*) from message")).isZero();
        assertThat(count(otherTenant, "select count(*) from conversation_participant"))
                .isZero();
    }

    @Test
    void aSecondAgentWritesToTheVisitorOnlyAfterJoiningNotesAlwaysAllowed() {
        List<JsonNode> toBea = listen(DeliveryChannels.agent(tenant, bea));
        List<JsonNode> inChat = listen(DeliveryChannels.conversation(tenant, chat));
        List<JsonNode> agentsOnly = listen(DeliveryChannels.conversationAgents(tenant, chat));

        send(bea, "b-1", "hello from Bea", Visibility.ALL);
        send(bea, "b-n", "note from Bea", Visibility.AGENTS);
        eventually().until(() -> !toBea.isEmpty() && !agentsOnly.isEmpty());
        assertThat(toBea.getFirst().path("code").asString()).isEqualTo("forbidden");
        assertThat(agentsOnly.getFirst().path("text").asString()).isEqualTo("note from Bea");

        invite(ann, chat, bea, 201);
        send(bea, "b-2", "invited, not joined", Visibility.ALL);
        eventually()
                .until(() -> toBea.stream()
                                .filter(frame -> frame.path("type").asString().equals("error"))
                                .count()
                        >= 2);

        join(bea, chat, 200);
        send(bea, "b-3", "Bea here, I can help", Visibility.ALL);
        eventually().until(() -> inChat.size() >= 2);
        assertThat(inChat.stream().map(frame -> frame.path("text").asString()))
                .containsExactly("Bea joined the chat", "Bea here, I can help");
        assertThat(inChat.get(1).path("sender").path("kind").asString()).isEqualTo("agent");
        assertThat(inChat.get(1).path("sender").path("name").asString()).isEqualTo("Bea");
        assertThat(query(
                        tenant,
                        "select body from message where conversation_id = '" + chat + "' order by seq",
                        row -> row.get(0, String.class)))
                .containsExactly("note from Bea", "Bea joined the chat", "Bea here, I can help");

        // Cid was neither invited nor joined: still refused.
        List<JsonNode> toCid = listen(DeliveryChannels.agent(tenant, cid));
        send(cid, "c-1", "me too", Visibility.ALL);
        eventually().until(() -> !toCid.isEmpty());
        assertThat(toCid.getFirst().path("code").asString()).isEqualTo("forbidden");
    }

    // --- helpers ---

    private UUID assignedChat(UUID visitorId) {
        UUID id = conversationOf(tenant, visitorId, "ACTIVE");
        execute(
                tenant,
                "update conversation set agent_id = '" + ann + "', visitor_name = 'Vi', assigned_at = now()"
                        + " where id = '" + id + "'");
        return id;
    }

    private Caller caller(UUID id) {
        return id.equals(boss)
                ? new Caller(tenant, id, Caller.Kind.AGENT, Set.of("supervisor"), "Boss")
                : agentCaller(tenant, id);
    }

    private JsonNode invite(UUID by, UUID conversation, UUID agent, int status) {
        return invite(by, conversation, Map.of("agentId", agent), status);
    }

    private JsonNode invite(UUID by, UUID conversation, Map<String, ?> body, int status) {
        return body(
                as(caller(by))
                        .post()
                        .uri("/api/session/conversations/{id}/participants", conversation)
                        .bodyValue(body)
                        .exchange(),
                status);
    }

    private JsonNode join(UUID by, UUID conversation, int status) {
        return body(
                as(caller(by))
                        .post()
                        .uri("/api/session/conversations/{id}/join", conversation)
                        .exchange(),
                status);
    }

    private JsonNode list(UUID by, UUID conversation) {
        return body(
                as(caller(by))
                        .get()
                        .uri("/api/session/conversations/{id}/participants", conversation)
                        .exchange(),
                200);
    }

    private static JsonNode body(WebTestClient.ResponseSpec spec, int status) {
        return spec.expectStatus()
                .isEqualTo(status)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static String refused(JsonNode answer) {
        return answer.path("code").asString();
    }

    private void send(UUID agent, String clientMsgId, String text, Visibility visibility) {
        commands.send(EventEnvelope.of(
                        EventTypes.SEND_MESSAGE,
                        "/parley/gateway-service",
                        tenant,
                        chat.toString(),
                        new SendMessage(
                                chat, clientMsgId, ParticipantKind.AGENT, agent, visibility, text, Instant.now())))
                .block(Duration.ofSeconds(10));
    }
}
