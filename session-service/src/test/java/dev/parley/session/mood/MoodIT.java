package dev.parley.session.mood;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.SendMessage;
import dev.parley.contracts.chat.Visibility;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.platform.messaging.CommandSender;
import dev.parley.session.SessionHttpIT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Chat mood through Kafka, session's command listener, Postgres and Redis: a visitor's message is
 * scored, its mood goes to the conversation's agents only, supervisors are alerted once when the
 * chat turns negative, agents' words are not scored, and the tenant's own terms count.
 */
class MoodIT extends SessionHttpIT {

    @Autowired
    CommandSender commands;

    final UUID tenant = UUID.randomUUID();
    final UUID site = UUID.randomUUID();
    final UUID department = UUID.randomUUID();
    final UUID agent = UUID.randomUUID();
    final UUID supervisor = UUID.randomUUID();
    final UUID owner = UUID.randomUUID();
    final UUID colleague = UUID.randomUUID();
    UUID visitor;
    UUID conversation;

    @BeforeEach
    void anActiveChatOfAda() {
        publish(snapshot(1, List.of()));
        visitor = visitor(tenant, site);
        conversation = conversationOf(tenant, visitor, "ACTIVE");
        execute(
                tenant,
                "update conversation set agent_id = '" + agent + "', department_id = '" + department
                        + "', visitor_name = 'Ada' where id = '" + conversation + "'");
    }

    @Test
    void aNegativeVisitorMessageTurnsTheChatNegativeForAgentsOnlyAndAlertsSupervisorsOnce() {
        List<JsonNode> toAgents = listen(DeliveryChannels.conversationAgents(tenant, conversation));
        List<JsonNode> toEveryone = listen(DeliveryChannels.conversation(tenant, conversation));
        List<JsonNode> toVisitor = listen(DeliveryChannels.visitor(tenant, visitor));
        List<JsonNode> toSupervisor = listen(DeliveryChannels.agent(tenant, supervisor));
        List<JsonNode> toOwner = listen(DeliveryChannels.agent(tenant, owner));
        List<JsonNode> toAgent = listen(DeliveryChannels.agent(tenant, agent));
        List<JsonNode> toColleague = listen(DeliveryChannels.agent(tenant, colleague));

        send(ParticipantKind.VISITOR, visitor, Visibility.ALL, "v-1", "this is terrible, I want a refund");

        JsonNode mood = awaitMood(toAgents, 1);
        assertThat(mood)
                .isEqualTo(json("{\"type\":\"mood\",\"conversationId\":\"" + conversation
                        + "\",\"seq\":1,\"score\":-5,\"mood\":-2.5,\"label\":\"negative\",\"trend\":[-5]}"));
        JsonNode alert = eventually()
                .until(() -> ofType(toSupervisor, "mood.alert"), alerts -> !alerts.isEmpty())
                .getFirst();
        assertThat(alert)
                .isEqualTo(json("{\"type\":\"mood.alert\",\"conversationId\":\"" + conversation
                        + "\",\"visitorName\":\"Ada\",\"agentId\":\"" + agent + "\",\"departmentId\":\"" + department
                        + "\",\"mood\":-2.5,\"label\":\"negative\",\"text\":\"this is terrible, I want a refund\"}"));

        // Still negative: told to agents, but no new alert. Then a calm message: commands of a
        // conversation run in order, so once its mood is told, anything the second could have sent was sent.
        send(ParticipantKind.VISITOR, visitor, Visibility.ALL, "v-2", "this is awful");
        send(ParticipantKind.VISITOR, visitor, Visibility.ALL, "v-3", "where is my parcel?");
        JsonNode calmer = awaitMood(toAgents, 3);
        assertThat(ofType(toAgents, "mood"))
                .extracting(frame -> frame.path("label").asString())
                .containsExactly("negative", "negative", "neutral");
        assertThat(calmer.path("mood").asDouble()).isEqualTo(-1.38); // -2.75 then halved: -1.375
        assertThat(calmer.path("trend")).isEqualTo(json("[-5,-3,0]"));

        assertThat(ofType(toSupervisor, "mood.alert")).hasSize(1);
        assertThat(ofType(toOwner, "mood.alert")).as("an owner supervises too").hasSize(1);
        assertThat(ofType(toAgent, "mood.alert"))
                .as("the chat's own agent is no supervisor")
                .isEmpty();
        assertThat(ofType(toColleague, "mood.alert")).isEmpty();
        eventually().until(() -> ofType(toEveryone, "message").size() == 3);
        assertThat(toEveryone)
                .as("the visitor's channel carries the messages, never a mood")
                .allMatch(frame -> frame.path("type").asString().equals("message"));
        assertThat(toVisitor).isEmpty();

        assertThat(query(
                        tenant,
                        "select seq, mood_score from message where conversation_id = '" + conversation
                                + "' order by seq",
                        row -> row.get("mood_score", Short.class)))
                .containsExactly((short) -5, (short) -3, (short) 0);

        // The agents' history and list show the mood; the visitor's never do.
        JsonNode agentsHistory =
                get(agentCaller(tenant, agent), "/api/session/conversations/" + conversation + "/messages");
        assertThat(agentsHistory.path("mood"))
                .isEqualTo(json("{\"mood\":-1.38,\"label\":\"neutral\",\"trend\":[-5,-3,0]}"));
        JsonNode visitorsHistory =
                get(visitorCaller(tenant, visitor), "/api/session/conversations/" + conversation + "/messages");
        assertThat(visitorsHistory.has("mood")).isFalse();
        assertThat(visitorsHistory.path("messages")).hasSize(3);
        JsonNode agentsList = get(agentCaller(tenant, agent), "/api/session/conversations?state=open");
        assertThat(agentsList
                        .path("conversations")
                        .get(0)
                        .path("mood")
                        .path("label")
                        .asString())
                .isEqualTo("neutral");
        JsonNode visitorsList = get(visitorCaller(tenant, visitor), "/api/session/conversations");
        assertThat(visitorsList.path("conversations").get(0).has("mood")).isFalse();
    }

    @Test
    void agentsWordsWhispersAndNotesAreNotScored() {
        List<JsonNode> toAgents = listen(DeliveryChannels.conversationAgents(tenant, conversation));
        List<JsonNode> toSupervisor = listen(DeliveryChannels.agent(tenant, supervisor));

        send(ParticipantKind.AGENT, agent, Visibility.ALL, "a-1", "sorry, this is terrible, you get a refund");
        send(ParticipantKind.AGENT, supervisor, Visibility.AGENTS, "w-1", "awful customer, useless order");
        send(ParticipantKind.VISITOR, visitor, Visibility.ALL, "v-1", "great, thank you");

        JsonNode mood = awaitMood(toAgents, 3);
        assertThat(mood.path("score").asInt()).isEqualTo(5);
        assertThat(mood.path("trend")).isEqualTo(json("[5]"));
        assertThat(mood.path("label").asString()).isEqualTo("positive");
        assertThat(ofType(toAgents, "mood")).hasSize(1);
        assertThat(count(
                        tenant,
                        "select count(*) from message where conversation_id = '" + conversation
                                + "' and mood_score is not null"))
                .isEqualTo(1);
        assertThat(ofType(toSupervisor, "mood.alert")).isEmpty();
    }

    @Test
    void theTenantsOwnTermsAddToAndReplaceTheDefaults() {
        publish(snapshot(
                2, List.of(new TenantUpdated.MoodTerm("late delivery", -4), new TenantUpdated.MoodTerm("refund", 1))));
        eventually().until(() -> directory.tenant(tenant).orElseThrow().revision() == 2);
        List<JsonNode> toAgents = listen(DeliveryChannels.conversationAgents(tenant, conversation));

        // Default: "late" -1, "refund" -2. The tenant's: the phrase -4, and refund +1.
        send(ParticipantKind.VISITOR, visitor, Visibility.ALL, "v-1", "late delivery, I want a refund");

        JsonNode mood = awaitMood(toAgents, 1);
        assertThat(mood.path("score").asInt()).isEqualTo(-3);
        assertThat(mood.path("label").asString()).isEqualTo("negative");
    }

    // --- helpers ---

    private TenantUpdated snapshot(long revision, List<TenantUpdated.MoodTerm> terms) {
        return new TenantUpdated(
                tenant,
                revision,
                "Mood shop",
                "team",
                TenantUpdated.Status.ACTIVE,
                List.of(new TenantUpdated.Site(site, "site-" + tenant, "Shop", List.of("https://shop.example"))),
                List.of(new TenantUpdated.Department(department, "Support", TenantUpdated.RoutingMode.OFFER)),
                List.of(
                        new TenantUpdated.Agent(agent, "Agent", List.of("agent"), List.of(department), 3),
                        new TenantUpdated.Agent(colleague, "Colleague", List.of("agent"), List.of(department), 3),
                        new TenantUpdated.Agent(
                                supervisor, "Boss", List.of("supervisor", "agent"), List.of(department), 3),
                        new TenantUpdated.Agent(owner, "Owner", List.of("owner"), List.of(), 3)),
                terms,
                Instant.now());
    }

    private void send(ParticipantKind kind, UUID sender, Visibility visibility, String clientMsgId, String text) {
        commands.send(EventEnvelope.of(
                        EventTypes.SEND_MESSAGE,
                        "/parley/gateway-service",
                        tenant,
                        conversation.toString(),
                        new SendMessage(conversation, clientMsgId, kind, sender, visibility, text, Instant.now())))
                .block(Duration.ofSeconds(10));
    }

    private JsonNode awaitMood(List<JsonNode> frames, long seq) {
        return eventually()
                .until(
                        () -> ofType(frames, "mood").stream()
                                .filter(frame -> frame.path("seq").asLong() == seq)
                                .findFirst()
                                .orElse(null),
                        (@Nullable JsonNode found) -> found != null);
    }

    private static List<JsonNode> ofType(List<JsonNode> frames, String type) {
        return frames.stream()
                .filter(frame -> frame.path("type").asString("").equals(type))
                .toList();
    }

    private JsonNode get(dev.parley.platform.web.Caller caller, String path) {
        byte[] body = as(caller)
                .get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return json(new String(body == null ? new byte[0] : body, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }
}
