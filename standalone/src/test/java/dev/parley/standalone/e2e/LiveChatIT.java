package dev.parley.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A visitor and an agent talk through two gateway nodes, Kafka, session, routing and Redis:
 * every message arrives once and in order, across a dropped socket and a reconnect to the other
 * node; whispers and notes never reach the visitor.
 */
class LiveChatIT {

    final Parley parley = Parley.get();

    @Test
    void visitorOnNodeAAndAgentOnNodeBTalkTwentyMessagesEachWayEachReceivedOnceInOrder() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        try (Parley.Chat chat = parley.chat(tenant, "Ada")) {
            ChatSocket agent = chat.agent();
            ChatSocket visitor = chat.visitor();
            String conversation = chat.conversation();
            // Typing goes straight across, to the others only, and is never stored.
            visitor.send(Map.of("type", "typing", "conversationId", conversation, "typing", true));
            agent.awaitFrame(frame -> frame.path("type").asString("").equals("typing")
                    && frame.path("sender").path("kind").asString("").equals("visitor")
                    && frame.path("typing").asBoolean(false));
            agent.send(Map.of("type", "typing", "conversationId", conversation, "typing", true));
            visitor.awaitFrame(frame -> frame.path("type").asString("").equals("typing")
                    && frame.path("sender").path("kind").asString("").equals("agent"));
            assertThat(visitor.ofType("typing"))
                    .as("a visitor is not told about their own typing")
                    .allMatch(frame ->
                            frame.path("sender").path("kind").asString("").equals("agent"));

            for (int i = 1; i <= 20; i++) {
                visitor.send(send(conversation, "v-" + i, "visitor says " + i));
                agent.send(send(conversation, "a-" + i, "agent says " + i));
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> visitor.messages(conversation).size() >= 40
                            && agent.messages(conversation).size() >= 40);
            for (ChatSocket side : List.of(visitor, agent)) {
                List<JsonNode> messages = side.messages(conversation);
                assertThat(messages.stream().map(m -> m.path("seq").asLong()))
                        .as("seqs as received: once each, in order")
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, 40).boxed().toList());
                assertInSendOrder(messages, "v-");
                assertInSendOrder(messages, "a-");
            }
        }
    }

    @Test
    void aVisitorWhoseSocketDroppedGetsEveryMissedMessageOnceAfterReconnectingToTheOtherNode() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        try (Parley.Chat chat = parley.chat(tenant, "Bo")) {
            ChatSocket agent = chat.agent();
            ChatSocket first = chat.visitor();
            String conversation = chat.conversation();
            String visitorToken = chat.visitorToken();
            agent.send(send(conversation, "a-1", "first"));
            agent.send(send(conversation, "a-2", "second"));
            await().until(() -> first.messages(conversation).size() >= 2);
            long lastSeen = first.messages(conversation).getLast().path("seq").asLong();

            first.kill();
            for (int i = 3; i <= 12; i++) {
                agent.send(send(conversation, "a-" + i, "while you were away " + i));
            }
            await().until(() -> agent.messages(conversation).size() >= 12);

            try (ChatSocket second = parley.visitorSocket(parley.gatewayB, tenant, visitorToken)) {
                second.send(Map.of("type", "resume", "conversations", Map.of(conversation, lastSeen)));
                await().until(() -> second.messages(conversation).size() >= 10);
                agent.send(send(conversation, "a-13", "and live again"));
                await().until(() -> second.messages(conversation).size() >= 11);

                assertThat(second.messages(conversation).stream()
                                .map(m -> m.path("seq").asLong()))
                        .as("exactly what was missed, then live")
                        .containsExactlyElementsOf(LongStream.rangeClosed(lastSeen + 1, lastSeen + 11)
                                .boxed()
                                .toList());
            }
        }
    }

    @Test
    void whispersAndPrivateNotesReachAgentsAndSupervisorButNeverTheVisitor() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        try (Parley.Chat chat = parley.chat(tenant, "Cy");
                ChatSocket supervisor = parley.agentSocket(parley.gatewayA, parley.token(tenant.supervisor()))) {
            ChatSocket agent = chat.agent();
            ChatSocket visitor = chat.visitor();
            String conversation = chat.conversation();
            String visitorToken = chat.visitorToken();

            supervisor.send(Map.of("type", "resume", "conversations", Map.of(conversation, 0)));

            supervisor.send(whisper(conversation, "s-1", "Offer them the discount"));
            agent.send(whisper(conversation, "n-1", "Private note: VIP customer"));
            agent.send(send(conversation, "a-1", "Hello, how can I help?"));

            await().until(() -> agent.messages(conversation).size() >= 3
                    && supervisor.messages(conversation).size() >= 3
                    && visitor.messages(conversation).size() >= 1);
            assertThat(texts(agent.messages(conversation)))
                    .contains("Offer them the discount", "Private note: VIP customer", "Hello, how can I help?");
            assertThat(texts(supervisor.messages(conversation)))
                    .contains("Offer them the discount", "Private note: VIP customer");

            JsonNode history = parley.ok(
                    "GET",
                    parley.gatewayA + "/api/session/conversations/" + conversation + "/messages?afterSeq=0",
                    null,
                    Parley.visitorAuth(visitorToken));
            assertThat(texts(history.path("messages")))
                    .as("the visitor's history")
                    .containsExactly("Hello, how can I help?");
            assertThat(visitor.frames().toString())
                    .as("everything the visitor's socket received")
                    .doesNotContain("discount")
                    .doesNotContain("VIP");
        }
    }

    @Test
    void aSendRetriedWithTheSameClientMessageIdIsStoredAndDeliveredOnce() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        try (Parley.Chat chat = parley.chat(tenant, "Dee")) {
            ChatSocket agent = chat.agent();
            ChatSocket visitor = chat.visitor();
            String conversation = chat.conversation();
            String visitorToken = chat.visitorToken();

            // The client did not see its ack and sends again, as the protocol tells it to.
            visitor.send(send(conversation, "v-1", "is my parcel lost?"));
            visitor.send(send(conversation, "v-1", "is my parcel lost?"));
            visitor.send(send(conversation, "v-2", "it was due Monday"));

            await().until(() -> agent.messages(conversation).size() >= 2);
            JsonNode history = parley.ok(
                    "GET",
                    parley.gatewayA + "/api/session/conversations/" + conversation + "/messages",
                    null,
                    Parley.visitorAuth(visitorToken));
            assertThat(texts(history.path("messages"))).containsExactly("is my parcel lost?", "it was due Monday");
            await().until(() -> visitor.messages(conversation).size() >= 2);
            assertThat(agent.messages(conversation).stream()
                            .map(m -> m.path("seq").asLong()))
                    .containsExactly(1L, 2L);
            assertThat(visitor.messages(conversation).stream()
                            .map(m -> m.path("seq").asLong()))
                    .containsExactly(1L, 2L);
        }
    }

    /** The agent picks the chat up and both sides learn it is assigned. */
    static void accept(ChatSocket agent, ChatSocket visitor, String conversation) {
        // An offer (offer mode) or the queue showing it (pick-up mode): either way it can be taken.
        agent.awaitFrame(
                frame -> List.of("offer", "queue").contains(frame.path("type").asString(""))
                        && frame.toString().contains(conversation));
        agent.send(Map.of("type", "offer.accept", "conversationId", conversation));
        visitor.awaitFrame(frame -> frame.path("type").asString("").equals("conversation.assigned")
                && frame.path("conversationId").asString("").equals(conversation));
        agent.awaitFrame(frame -> frame.path("type").asString("").equals("conversation.assigned")
                && frame.path("conversationId").asString("").equals(conversation));
    }

    static Map<String, Object> send(String conversation, String clientMsgId, String text) {
        return Map.of("type", "message.send", "conversationId", conversation, "clientMsgId", clientMsgId, "text", text);
    }

    static Map<String, Object> whisper(String conversation, String clientMsgId, String text) {
        return Map.of(
                "type",
                "message.send",
                "conversationId",
                conversation,
                "clientMsgId",
                clientMsgId,
                "text",
                text,
                "visibility",
                "agents");
    }

    static List<String> texts(Iterable<JsonNode> messages) {
        List<String> texts = new java.util.ArrayList<>();
        messages.forEach(message -> texts.add(message.path("text").asString()));
        return texts;
    }

    private static void assertInSendOrder(List<JsonNode> messages, String prefix) {
        List<String> ids = messages.stream()
                .map(m -> m.path("clientMsgId").asString(""))
                .filter(id -> id.startsWith(prefix))
                .toList();
        assertThat(ids)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> prefix + i)
                        .toList());
    }
}
