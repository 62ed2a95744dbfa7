package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.LiveChatIT.send;
import static dev.parley.standalone.e2e.TenantIsolationIT.isError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Malformed frames, unknown types, oversized frames, floods and bad credentials get the
 * documented error frames, close codes and HTTP statuses; the node keeps serving everyone else
 * and nothing of it is stored.
 */
class BadInputIT {

    final Parley parley = Parley.get();

    @Test
    void badFramesAreAnsweredWithErrorFramesAndOversizedFramesAndFloodsCloseTheSocketOnly() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        try (Parley.Chat chat = parley.chat(tenant, "Eve")) {
            ChatSocket agent = chat.agent();
            ChatSocket visitor = chat.visitor();
            String conversation = chat.conversation();

            visitor.send("this is not json");
            visitor.awaitFrame(frame -> isError(frame, "bad_frame"));
            visitor.send("[1, 2, 3]");
            visitor.send("{\"no\":\"type\"}");
            visitor.send("{\"type\":\"launch.rockets\"}");
            visitor.awaitFrame(frame -> isError(frame, "unknown_type"));
            visitor.send(Map.of("type", "offer.accept", "conversationId", conversation));
            visitor.send(Map.of("type", "message.send", "conversationId", conversation, "clientMsgId", "m-1"));
            visitor.awaitFrame(frame -> isError(frame, "invalid"));
            visitor.send(
                    Map.of("type", "message.send", "conversationId", "not-an-id", "clientMsgId", "m-2", "text", "x"));
            visitor.send(Map.of(
                    "type",
                    "message.send",
                    "conversationId",
                    conversation,
                    "clientMsgId",
                    "m-3",
                    "text",
                    "x".repeat(4001)));
            visitor.send(Map.of(
                    "type",
                    "message.send",
                    "conversationId",
                    conversation,
                    "clientMsgId",
                    "m-4",
                    "text",
                    "psst",
                    "visibility",
                    "agents"));
            visitor.awaitFrame(frame -> isError(frame, "forbidden"));
            assertThat(visitor.ofType("error")).as("one error per bad frame").hasSizeGreaterThanOrEqualTo(8);

            // After all that, the socket still works.
            visitor.send(send(conversation, "ok-1", "a proper message"));
            agent.awaitFrame(frame -> frame.path("text").asString("").equals("a proper message"));

            // A frame over 16 KiB closes that socket with 1009, and only that one.
            String visitorToken2 = parley.visitor(tenant);
            try (ChatSocket big = parley.visitorSocket(parley.gatewayA, tenant, visitorToken2)) {
                big.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(17 * 1024) + "\"}");
                assertThat(big.awaitClose()).isEqualTo(1009);
            }

            // A flood is refused with rate_limited, then closed with 1008 (policy).
            String visitorToken3 = parley.visitor(tenant);
            try (ChatSocket flood = parley.visitorSocket(parley.gatewayA, tenant, visitorToken3)) {
                for (int i = 0; i < 300; i++) {
                    flood.send("{\"type\":\"ping\"}");
                }
                flood.awaitFrame(frame -> isError(frame, "rate_limited"));
                assertThat(flood.awaitClose()).isEqualTo(1008);
            }

            // The node keeps serving everyone else.
            agent.send(send(conversation, "ok-2", "still serving"));
            visitor.awaitFrame(frame -> frame.path("text").asString("").equals("still serving"));
            visitor.send("{\"type\":\"ping\"}");
            visitor.awaitType("pong");

            JsonNode history = parley.ok(
                    "GET",
                    parley.gatewayA + "/api/session/conversations/" + conversation + "/messages",
                    null,
                    Parley.bearer(parley.token(tenant.agents().getFirst())));
            assertThat(LiveChatIT.texts(history.path("messages")))
                    .as("nothing of the bad frames was stored")
                    .containsExactly("a proper message", "still serving");
        }
    }

    @Test
    void badCredentialsAndForeignOriginsAreRefusedAtTheHandshakeAndOverHttp() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        String visitorToken = parley.visitor(tenant);
        String agentToken = parley.token(tenant.agents().getFirst());

        assertThat(ChatSocket.handshakeStatus(
                        Parley.wsUrl(parley.gatewayA, "/ws/visitor?token=forged"), tenant.origin()))
                .isEqualTo(401);
        assertThat(ChatSocket.handshakeStatus(
                        Parley.wsUrl(parley.gatewayA, "/ws/visitor?token=" + Parley.encode(visitorToken)),
                        "http://evil.test"))
                .isEqualTo(403);
        String tampered = agentToken.substring(0, agentToken.length() - 4) + "AAAA";
        assertThat(ChatSocket.handshakeStatus(
                        Parley.wsUrl(parley.gatewayA, "/ws/agent?access_token=" + Parley.encode(tampered)), null))
                .isEqualTo(401);
        assertThat(ChatSocket.handshakeStatus(Parley.wsUrl(parley.gatewayA, "/ws/agent"), null))
                .isEqualTo(401);

        Parley.Response forged =
                parley.call("GET", parley.gatewayA + "/api/session/conversations", null, Parley.bearer(tampered));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body().path("code").asString()).isEqualTo("unauthorized");
        Parley.Response foreign = parley.call(
                "POST",
                parley.gatewayA + "/api/session/visitors",
                Map.of("siteKey", tenant.siteKey()),
                Map.of("Origin", "http://evil.test"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body().path("code").asString()).isEqualTo("origin_not_allowed");
        Parley.Response garbage = parley.call(
                "POST",
                parley.gatewayA + "/api/session/conversations",
                "not an object",
                Parley.visitorAuth(visitorToken));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().toString()).doesNotContain("Exception").doesNotContain("at dev.");
    }
}
