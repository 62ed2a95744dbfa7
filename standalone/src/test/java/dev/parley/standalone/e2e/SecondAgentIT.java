package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.LiveChatIT.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * More agents in a live chat, through both gateway nodes: the assigned agent invites a second
 * agent, who is told on their socket, joins over HTTP, follows the chat with resume and writes
 * to the visitor; a supervisor joins a chat directly. The visitor sees each join as a system
 * message in the chat's order, then the newcomer's words.
 */
class SecondAgentIT {

    final Parley parley = Parley.get();

    @Test
    void theAssignedAgentInvitesASecondAgentWhoJoinsResumesAndWritesToTheVisitor() {
        Tenant tenant = parley.tenant(2, 3, "PICKUP");
        Tenant.Login two = tenant.agents().get(1);
        // The first agent (node B, online) has the chat; the second stays offline, so routing gives it to the first.
        try (Parley.Chat chat = parley.chat(tenant, "Vi");
                ChatSocket second = parley.agentSocket(parley.gatewayA, parley.token(two))) {
            ChatSocket first = chat.agent();
            ChatSocket visitor = chat.visitor();
            String conversation = chat.conversation();
            String tokenOne = parley.token(tenant.agents().getFirst());
            String tokenTwo = parley.token(two);
            String participants = "/api/session/conversations/" + conversation + "/participants";

            JsonNode invited = parley.ok(
                    "POST",
                    parley.gatewayB + participants,
                    Map.of("agentId", two.userId().toString()),
                    Parley.bearer(tokenOne));
            assertThat(invited.path("agentId").asString())
                    .isEqualTo(two.userId().toString());
            JsonNode told = second.awaitType("conversation.invited");
            assertThat(told.path("conversationId").asString()).isEqualTo(conversation);
            assertThat(told.path("visitorName").asString()).isEqualTo("Vi");
            assertThat(told.path("by").path("id").asString())
                    .isEqualTo(tenant.agents().getFirst().userId().toString());

            // Invited is not joined: a word to the visitor is refused until the agent joins.
            second.send(send(conversation, "two-early", "too early"));
            assertThat(second.awaitType("error").path("code").asString()).isEqualTo("forbidden");

            JsonNode joined = parley.ok(
                    "POST",
                    parley.gatewayA + "/api/session/conversations/" + conversation + "/join",
                    null,
                    Parley.bearer(tokenTwo));
            String name = joined.path("name").asString();
            assertThat(name).isNotBlank();
            second.send(Map.of("type", "resume", "conversations", Map.of(conversation, 0)));
            second.awaitFrame(frame -> frame.path("type").asString("").equals("message")
                    && frame.path("text").asString("").equals(name + " joined the chat"));
            second.send(send(conversation, "two-1", "Hi, I'm from billing, I can help with that"));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> visitor.messages(conversation).size() >= 2
                            && first.messages(conversation).size() >= 2
                            && second.messages(conversation).size() >= 2);
            List<JsonNode> seen = visitor.messages(conversation);
            assertThat(LiveChatIT.texts(seen))
                    .containsExactly(name + " joined the chat", "Hi, I'm from billing, I can help with that");
            assertThat(seen.get(0).path("sender").path("kind").asString()).isEqualTo("system");
            assertThat(seen.get(1).path("sender").path("kind").asString()).isEqualTo("agent");
            assertThat(seen.get(1).path("sender").path("id").asString())
                    .isEqualTo(two.userId().toString());
            assertThat(seen.stream().map(m -> m.path("seq").asLong())).containsExactly(1L, 2L);
            assertThat(LiveChatIT.texts(first.messages(conversation)))
                    .containsExactly(name + " joined the chat", "Hi, I'm from billing, I can help with that");
            assertThat(visitor.frames().toString()).doesNotContain("too early");

            JsonNode listed = parley.ok("GET", parley.gatewayB + participants, null, Parley.bearer(tokenOne));
            assertThat(listed.path("participants").findValuesAsString("agentId"))
                    .containsExactly(two.userId().toString());
        }
    }

    @Test
    void aSupervisorJoinsAChatDirectlyAndWritesToTheVisitor() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        try (Parley.Chat chat = parley.chat(tenant, "Wu");
                ChatSocket supervisor = parley.agentSocket(parley.gatewayA, parley.token(tenant.supervisor()))) {
            ChatSocket visitor = chat.visitor();
            String conversation = chat.conversation();
            chat.agent().send(send(conversation, "a-1", "Hello Wu"));
            visitor.awaitFrame(frame -> frame.path("text").asString("").equals("Hello Wu"));

            JsonNode joined = parley.ok(
                    "POST",
                    parley.gatewayB + "/api/session/conversations/" + conversation + "/join",
                    null,
                    Parley.bearer(parley.token(tenant.supervisor())));
            String name = joined.path("name").asString();
            supervisor.send(Map.of("type", "resume", "conversations", Map.of(conversation, 0)));
            supervisor.awaitFrame(frame -> frame.path("text").asString("").equals(name + " joined the chat"));
            supervisor.send(send(conversation, "s-1", "I'm the team lead, we'll sort this out"));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> visitor.messages(conversation).size() >= 3);
            assertThat(LiveChatIT.texts(visitor.messages(conversation)))
                    .containsExactly("Hello Wu", name + " joined the chat", "I'm the team lead, we'll sort this out");
            assertThat(visitor.messages(conversation)
                            .get(1)
                            .path("sender")
                            .path("kind")
                            .asString())
                    .isEqualTo("system");
        }
    }
}
