package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.LiveChatIT.send;
import static dev.parley.standalone.e2e.LiveChatIT.whisper;
import static dev.parley.standalone.e2e.TenantIsolationIT.isError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Delivered and read marks both ways through two gateway nodes, Kafka, session and Redis: each
 * side's receipt reaches the other live, history shows both after a reload, whispers never show
 * in a mark, and a receipt from outside the conversation is refused and changes nothing.
 */
class ReceiptsIT {

    final Parley parley = Parley.get();

    @Test
    void visitorAndAgentSeeEachOthersMarksLiveAndInHistoryAndAnotherTenantChangesNothing() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        Tenant other = parley.tenant(1, 3, "PICKUP");
        try (Parley.Chat chat = parley.chat(tenant, "Ada")) {
            ChatSocket agent = chat.agent();
            ChatSocket visitor = chat.visitor();
            String conversation = chat.conversation();

            visitor.send(send(conversation, "v-1", "where is my order?"));
            agent.awaitFrame(frame -> frame.path("clientMsgId").asString("").equals("v-1"));
            agent.send(send(conversation, "a-1", "let me look"));
            agent.send(whisper(conversation, "n-1", "order is stuck in the warehouse"));
            agent.send(send(conversation, "a-2", "it ships today"));
            await().until(() -> visitor.messages(conversation).size() >= 3
                    && agent.messages(conversation).size() >= 4);
            assertThat(seqs(visitor.messages(conversation))).containsExactly(1L, 2L, 4L);
            long seen = 4; // the highest seq the visitor received: seq 3 is the whisper

            visitor.send(receipt(conversation, seen, seen));
            JsonNode visitorsMarks = agent.awaitFrame(frame -> isReceipt(frame, conversation, "visitor"));
            assertThat(marks(visitorsMarks)).isEqualTo(List.of(seen, seen));

            // The agent names the whisper as read: a mark never names what the visitor cannot see.
            agent.send(receipt(conversation, 4L, 3L));
            JsonNode agentsMarks = visitor.awaitFrame(frame -> isReceipt(frame, conversation, "agent"));
            assertThat(marks(agentsMarks)).isEqualTo(List.of(4L, 2L));

            Map<String, String> asVisitor = Parley.visitorAuth(chat.visitorToken());
            Map<String, String> asAgent =
                    Parley.bearer(parley.token(tenant.agents().getFirst()));
            for (Map<String, String> reader : List.of(asVisitor, asAgent)) {
                assertThat(receipts(conversation, reader))
                        .as("history after a reload")
                        .isEqualTo(Map.of("visitor", List.of(4L, 4L), "agent", List.of(4L, 2L)));
            }

            // Another tenant's visitor and agent: refused at once, nothing stored, nobody told.
            try (ChatSocket strangerVisitor = parley.visitorSocket(parley.gatewayB, other, parley.visitor(other));
                    ChatSocket strangerAgent = parley.agentSocket(
                            parley.gatewayA, parley.token(other.agents().getFirst()))) {
                for (ChatSocket stranger : List.of(strangerVisitor, strangerAgent)) {
                    stranger.send(receipt(conversation, 99L, 99L));
                    stranger.send(receipt(conversation, 4L, 4L));
                    await().until(() -> stranger.ofType("error").stream()
                                    .filter(frame -> isError(frame, "not_found")
                                            && frame.path("ref")
                                                    .path("type")
                                                    .asString("")
                                                    .equals("receipt"))
                                    .count()
                            == 2);
                    assertThat(stranger.ofType("receipt")).isEmpty();
                }
            }
            assertThat(receipts(conversation, asVisitor))
                    .isEqualTo(Map.of("visitor", List.of(4L, 4L), "agent", List.of(4L, 2L)));
            // Each socket has had the two marks that moved (its own side's comes back too), no more.
            await().until(() -> visitor.ofType("receipt").size() == 2
                    && agent.ofType("receipt").size() == 2);
        }
    }

    @Test
    void malformedReceiptsAndReceiptsForAConversationNotFollowedGetErrorFrames() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        try (Parley.Chat chat = parley.chat(tenant, "Bo");
                ChatSocket neighbour = parley.visitorSocket(parley.gatewayB, tenant, parley.visitor(tenant))) {
            ChatSocket visitor = chat.visitor();
            String conversation = chat.conversation();
            visitor.send(send(conversation, "v-1", "hello"));
            chat.agent()
                    .awaitFrame(frame -> frame.path("clientMsgId").asString("").equals("v-1"));

            visitor.send(Map.of("type", "receipt", "conversationId", conversation));
            visitor.send(Map.of("type", "receipt", "conversationId", "not-an-id", "read", 1));
            visitor.send(Map.of("type", "receipt", "conversationId", conversation, "read", -1));
            visitor.send(Map.of("type", "receipt", "conversationId", conversation, "delivered", 1.5));
            visitor.send(Map.of("type", "receipt", "conversationId", conversation, "read", "1"));
            await().until(() -> visitor.ofType("error").stream()
                            .filter(frame -> isError(frame, "invalid"))
                            .count()
                    == 5);

            // Another visitor of the same tenant may not follow it, so may not mark it either.
            neighbour.send(receipt(conversation, 1L, 1L));
            neighbour.awaitFrame(frame -> isError(frame, "forbidden")
                    && frame.path("ref").path("type").asString("").equals("receipt"));

            // A proper one still works after all that; it is the first and only mark stored.
            visitor.send(receipt(conversation, 1L, null));
            JsonNode marked = chat.agent().awaitFrame(frame -> isReceipt(frame, conversation, "visitor"));
            assertThat(marks(marked)).isEqualTo(List.of(1L, 0L));
            assertThat(receipts(conversation, Parley.visitorAuth(chat.visitorToken())))
                    .isEqualTo(Map.of("visitor", List.of(1L, 0L), "agent", List.of(0L, 0L)));
        }
    }

    static Map<String, Object> receipt(String conversation, @Nullable Long delivered, @Nullable Long read) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "receipt");
        frame.put("conversationId", conversation);
        if (delivered != null) {
            frame.put("delivered", delivered);
        }
        if (read != null) {
            frame.put("read", read);
        }
        return frame;
    }

    private static boolean isReceipt(JsonNode frame, String conversation, String by) {
        return frame.path("type").asString("").equals("receipt")
                && frame.path("conversationId").asString("").equals(conversation)
                && frame.path("by").asString("").equals(by);
    }

    private static List<Long> marks(JsonNode marks) {
        return List.of(marks.path("delivered").asLong(-1), marks.path("read").asLong(-1));
    }

    private static List<Long> seqs(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("seq").asLong()).toList();
    }

    /** The history's receipts: each side's [delivered, read]. */
    private Map<String, List<Long>> receipts(String conversation, Map<String, String> reader) {
        JsonNode receipts = parley.ok(
                        "GET",
                        parley.gatewayA + "/api/session/conversations/" + conversation + "/messages",
                        null,
                        reader)
                .path("receipts");
        return Map.of("visitor", marks(receipts.path("visitor")), "agent", marks(receipts.path("agent")));
    }
}
