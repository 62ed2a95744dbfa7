package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.LiveChatIT.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Chat mood through the gateways, Kafka, session and Redis: a visitor's angry message reaches the
 * agent's console as a negative mood and a supervisor's as an alert, while the visitor's socket and
 * history show neither.
 */
class MoodIT {

    final Parley parley = Parley.get();

    @Test
    void anAngryVisitorTurnsTheChatNegativeForTheAgentAndAlertsTheSupervisorButSeesNothing() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        try (Parley.Chat chat = parley.chat(tenant, "Ada");
                ChatSocket supervisor = parley.agentSocket(parley.gatewayA, parley.token(tenant.supervisor()))) {
            ChatSocket agent = chat.agent();
            ChatSocket visitor = chat.visitor();
            String conversation = chat.conversation();
            // Once the agent has a message of the chat, their socket follows its agents' channel too.
            visitor.send(send(conversation, "v-1", "hello"));
            agent.awaitFrame(frame -> frame.path("clientMsgId").asString("").equals("v-1"));

            visitor.send(send(conversation, "v-2", "this is terrible, I want a refund"));

            JsonNode mood = agent.awaitFrame(frame -> isOf(frame, "mood", conversation)
                    && frame.path("label").asString("").equals("negative"));
            assertThat(mood.path("seq").asLong()).isEqualTo(2);
            assertThat(mood.path("score").asInt()).isEqualTo(-5);
            assertThat(mood.path("mood").asDouble()).isEqualTo(-2.5);
            assertThat(mood.path("trend").valueStream().map(JsonNode::asInt).toList())
                    .containsExactly(0, -5);
            JsonNode alert = supervisor.awaitFrame(frame -> isOf(frame, "mood.alert", conversation));
            assertThat(alert.path("visitorName").asString()).isEqualTo("Ada");
            assertThat(alert.path("agentId").asString())
                    .isEqualTo(tenant.agents().getFirst().userId().toString());
            assertThat(alert.path("label").asString()).isEqualTo("negative");
            assertThat(alert.path("text").asString()).isEqualTo("this is terrible, I want a refund");

            // The visitor got their own message back (after which the mood was published), never a mood.
            await().until(() -> visitor.messages(conversation).size() >= 2);
            assertThat(visitor.frames()).noneMatch(frame -> List.of("mood", "mood.alert")
                    .contains(frame.path("type").asString("")));
            JsonNode visitorsHistory = parley.ok(
                    "GET",
                    parley.gatewayB + "/api/session/conversations/" + conversation + "/messages",
                    null,
                    Parley.visitorAuth(chat.visitorToken()));
            assertThat(visitorsHistory.has("mood")).isFalse();
            JsonNode agentsHistory = parley.ok(
                    "GET",
                    parley.gatewayB + "/api/session/conversations/" + conversation + "/messages",
                    null,
                    Parley.bearer(parley.token(tenant.agents().getFirst())));
            assertThat(agentsHistory.path("mood").path("label").asString()).isEqualTo("negative");
        }
    }

    private static boolean isOf(JsonNode frame, String type, String conversation) {
        return frame.path("type").asString("").equals(type)
                && frame.path("conversationId").asString("").equals(conversation);
    }
}
