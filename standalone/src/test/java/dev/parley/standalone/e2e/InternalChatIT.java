package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.LiveChatIT.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Agents talk among themselves, directly and in their department's team chat, through the same
 * path as a visitor's chat (socket, Kafka, session's message log, Redis, any gateway node): each
 * message once and in order, members told on their own channel, and a visitor chatting at the
 * same time sees none of it and cannot follow it.
 */
class InternalChatIT {

    final Parley parley = Parley.get();

    @Test
    void twoAgentsOnDifferentNodesTalkDirectlyAndInTheirTeamWhileTheirVisitorSeesNoneOfIt() {
        Tenant tenant = parley.tenant(2, 3, "PICKUP");
        Tenant.Login one = tenant.agents().get(0);
        Tenant.Login two = tenant.agents().get(1);
        // The first agent (node B, online) has a live chat with a visitor (node A); the second
        // agent stays offline, so routing gives the visitor to the first.
        try (Parley.Chat chat = parley.chat(tenant, "Vi");
                ChatSocket second = parley.agentSocket(parley.gatewayA, parley.token(two));
                ChatSocket supervisor = parley.agentSocket(parley.gatewayB, parley.token(tenant.supervisor()))) {
            ChatSocket first = chat.agent();
            ChatSocket visitor = chat.visitor();
            String tokenOne = parley.token(one);

            JsonNode direct = parley.ok(
                    "POST",
                    parley.gatewayA + "/api/session/internal-chats",
                    Map.of("withAgentId", two.userId().toString()),
                    Parley.bearer(tokenOne));
            assertThat(direct.path("kind").asString()).isEqualTo("direct");
            String directId = direct.path("conversationId").asString();
            JsonNode team = parley.ok(
                    "POST",
                    parley.gatewayB + "/api/session/internal-chats",
                    Map.of("departmentId", tenant.departmentId().toString()),
                    Parley.bearer(tokenOne));
            assertThat(team.path("kind").asString()).isEqualTo("team");
            assertThat(team.path("memberIds").toString())
                    .contains(
                            one.userId().toString(),
                            two.userId().toString(),
                            tenant.supervisor().userId().toString());
            String teamId = team.path("conversationId").asString();

            // The visitor tries to follow both and to write into one: refused, nothing followed.
            visitor.send(Map.of("type", "resume", "conversations", Map.of(directId, 0)));
            visitor.send(Map.of("type", "resume", "conversations", Map.of(teamId, 0)));
            visitor.send(send(directId, "v-x", "let me in"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> visitor.ofType("error").size() >= 3);
            assertThat(visitor.ofType("error")).allMatch(error -> List.of("not_found", "forbidden")
                    .contains(error.path("code").asString("")));

            // The direct chat: the first agent follows it on node B, the second on node A.
            first.send(Map.of("type", "resume", "conversations", Map.of(directId, 0, teamId, 0)));
            second.send(Map.of("type", "resume", "conversations", Map.of(directId, 0, teamId, 0)));
            supervisor.send(Map.of("type", "resume", "conversations", Map.of(teamId, 0)));
            for (int i = 1; i <= 5; i++) {
                first.send(send(directId, "one-" + i, "one says " + i));
                second.send(send(directId, "two-" + i, "two says " + i));
            }
            // The live chat goes on meanwhile.
            visitor.send(send(chat.conversation(), "v-1", "are you still there?"));
            first.send(send(chat.conversation(), "a-1", "yes, one moment"));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> first.messages(directId).size() >= 10
                            && second.messages(directId).size() >= 10);
            for (ChatSocket side : List.of(first, second)) {
                List<JsonNode> messages = side.messages(directId);
                assertThat(messages.stream().map(m -> m.path("seq").asLong()))
                        .as("seqs as received: once each, in order")
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, 10).boxed().toList());
                assertInSendOrder(messages, "one-");
                assertInSendOrder(messages, "two-");
            }
            // The second agent was also told on its own channel of each of the first's messages.
            await().until(() -> internalMessages(second, directId).size() >= 5);
            assertThat(internalMessages(second, directId))
                    .allMatch(told -> told.path("sender")
                                    .path("id")
                                    .asString()
                                    .equals(one.userId().toString())
                            && told.path("text").asString().startsWith("one says "));
            assertThat(internalMessages(second, directId).stream()
                            .map(told -> told.path("text").asString()))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 5)
                            .mapToObj(i -> "one says " + i)
                            .toList());

            // The team chat: the first department's agents and the supervisor.
            first.send(send(teamId, "t-1", "team: who takes the 3pm queue?"));
            second.send(send(teamId, "t-2", "team: I will"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> supervisor.messages(teamId).size() >= 2
                            && second.messages(teamId).size() >= 2
                            && first.messages(teamId).size() >= 2);
            assertThat(supervisor.messages(teamId).stream()
                            .map(m -> m.path("seq").asLong()))
                    .containsExactly(1L, 2L);
            // Two senders on two nodes: either may come first, each once.
            assertThat(LiveChatIT.texts(supervisor.messages(teamId)))
                    .containsExactlyInAnyOrder("team: who takes the 3pm queue?", "team: I will");
            await().until(() -> !internalMessages(supervisor, teamId).isEmpty());

            JsonNode history = parley.ok(
                    "GET",
                    parley.gatewayB + "/api/session/conversations/" + directId + "/messages",
                    null,
                    Parley.bearer(parley.token(two)));
            assertThat(history.path("messages")).hasSize(10);

            await().until(() -> visitor.messages(chat.conversation()).size() >= 2);
            assertThat(visitor.frames())
                    .as("everything the visitor's socket received")
                    .noneMatch(frame -> frame.path("type").asString("").equals("internal.message"))
                    .noneMatch(frame -> List.of(directId, teamId)
                            .contains(frame.path("conversationId").asString("")));
            assertThat(visitor.frames().toString())
                    .doesNotContain("one says")
                    .doesNotContain("two says")
                    .doesNotContain("team:");
        }
    }

    private static List<JsonNode> internalMessages(ChatSocket socket, String conversationId) {
        return socket.ofType("internal.message").stream()
                .filter(frame -> frame.path("conversationId").asString("").equals(conversationId))
                .toList();
    }

    private static void assertInSendOrder(List<JsonNode> messages, String prefix) {
        assertThat(messages.stream()
                        .map(m -> m.path("clientMsgId").asString(""))
                        .filter(id -> id.startsWith(prefix)))
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 5).mapToObj(i -> prefix + i).toList());
    }
}
