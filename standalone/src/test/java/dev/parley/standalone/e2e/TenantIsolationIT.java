package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.LiveChatIT.accept;
import static dev.parley.standalone.e2e.LiveChatIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Tenant B's credentials cannot read, send into, accept or close anything of tenant A, over HTTP
 * or WebSocket, and a visitor cannot touch another visitor's conversation.
 */
class TenantIsolationIT {

    final Parley parley = Parley.get();

    @Test
    void anotherTenantsTokensAndAnotherVisitorCannotTouchAConversation() {
        Tenant a = parley.tenant(1, 3, "PICKUP");
        Tenant b = parley.tenant(1, 3, "PICKUP");
        String agentA = parley.token(a.agents().getFirst());
        String agentB = parley.token(b.agents().getFirst());
        String visitorA = parley.visitor(a);
        String otherVisitorA = parley.visitor(a);
        String visitorB = parley.visitor(b);
        String conversation = parley.requestChat(visitorA, a.departmentId(), "Ada");

        try (ChatSocket agentOfA = parley.agentSocket(parley.gatewayB, agentA);
                ChatSocket ownVisitor = parley.visitorSocket(parley.gatewayA, a, visitorA);
                ChatSocket strangerB = parley.visitorSocket(parley.gatewayA, b, visitorB);
                ChatSocket agentOfB = parley.agentSocket(parley.gatewayA, agentB);
                ChatSocket neighbour = parley.visitorSocket(parley.gatewayB, a, otherVisitorA)) {
            agentOfA.send(Map.of("type", "presence.set", "status", "online"));
            agentOfB.send(Map.of("type", "presence.set", "status", "online"));
            ownVisitor.send(Map.of("type", "resume", "conversations", Map.of(conversation, 0)));
            accept(agentOfA, ownVisitor, conversation);
            agentOfA.send(send(conversation, "a-1", "for Ada only"));
            ownVisitor.awaitFrame(frame -> frame.path("text").asString("").equals("for Ada only"));

            // WebSocket: follow, send, accept, close — each refused, nothing delivered.
            for (ChatSocket intruder : new ChatSocket[] {strangerB, agentOfB, neighbour}) {
                intruder.send(Map.of("type", "resume", "conversations", Map.of(conversation, 0)));
                intruder.send(send(conversation, "x-1", "intruding"));
                intruder.send(Map.of("type", "conversation.close", "conversationId", conversation));
            }
            agentOfB.send(Map.of("type", "offer.accept", "conversationId", conversation));
            for (ChatSocket intruder : new ChatSocket[] {strangerB, agentOfB, neighbour}) {
                intruder.awaitFrame(frame -> isError(frame, "not_found", "forbidden")
                        && frame.path("ref").path("type").asString("").equals("resume"));
                intruder.awaitFrame(frame -> isError(frame, "not_found", "forbidden")
                        && frame.path("ref").path("type").asString("").equals("message.send"));
                intruder.awaitFrame(frame -> isError(frame, "not_found", "forbidden")
                        && frame.path("ref").path("type").asString("").equals("conversation.close"));
                assertThat(intruder.messages(conversation))
                        .as("nothing of the conversation")
                        .isEmpty();
            }

            // The conversation is untouched: still open, still Ada's agent's, nothing stored from them.
            agentOfA.send(send(conversation, "a-2", "still here"));
            ownVisitor.awaitFrame(frame -> frame.path("text").asString("").equals("still here"));
            JsonNode history = parley.ok(
                    "GET",
                    parley.gatewayA + "/api/session/conversations/" + conversation + "/messages",
                    null,
                    Parley.visitorAuth(visitorA));
            assertThat(LiveChatIT.texts(history.path("messages"))).containsExactly("for Ada only", "still here");
            assertThat(ownVisitor.ofType("conversation.closed")).isEmpty();
        }

        // HTTP: another tenant's visitor and agent, and another visitor of the same tenant.
        String path = "/api/session/conversations/" + conversation + "/messages";
        assertThat(parley.call("GET", parley.gatewayA + path, null, Parley.visitorAuth(visitorB))
                        .status())
                .isEqualTo(404);
        assertThat(parley.call("GET", parley.gatewayA + path, null, Parley.bearer(agentB))
                        .status())
                .isEqualTo(404);
        assertThat(parley.call("GET", parley.gatewayA + path, null, Parley.visitorAuth(otherVisitorA))
                        .status())
                .isEqualTo(403);
        // A forged tenant header changes nothing: the gateway drops it.
        Map<String, String> forged = new HashMap<>(Parley.visitorAuth(visitorB));
        forged.put("X-Parley-Tenant", a.tenantId().toString());
        assertThat(parley.call("GET", parley.gatewayA + path, null, forged).status())
                .isEqualTo(404);
        // Tenant B's admin sees none of A's users.
        JsonNode usersOfB =
                parley.ok("GET", parley.gatewayA + "/api/tenant/users", null, Parley.bearer(parley.token(b.owner())));
        assertThat(usersOfB.toString()).doesNotContain(a.agents().getFirst().email());
    }

    static boolean isError(JsonNode frame, String... codes) {
        return frame.path("type").asString("").equals("error")
                && java.util.List.of(codes).contains(frame.path("code").asString(""));
    }
}
