package dev.parley.session.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.web.Caller;
import dev.parley.session.SessionHttpIT;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The console's reads: the supervisor's board of live chats, a visitor's earlier chats. */
class ConsoleConversationsIT extends SessionHttpIT {

    final UUID tenant = UUID.randomUUID();
    final UUID site = UUID.randomUUID();
    final UUID agent = UUID.randomUUID();
    final UUID department = UUID.randomUUID();

    @Test
    void supervisorsSeeEveryLiveChatOldestFirst() {
        UUID grace = visitor(tenant, site);
        UUID hedy = visitor(tenant, site);
        UUID ida = visitor(tenant, site);
        UUID waiting = conversationOf(tenant, grace, "QUEUED");
        UUID active = conversationOf(tenant, hedy, "ACTIVE");
        UUID closed = conversationOf(tenant, ida, "CLOSED");
        execute(
                tenant,
                "update conversation set created_at = now() - interval '5 minutes', visitor_name = 'Grace',"
                        + " department_id = '" + department + "', page_url = 'https://shop.example/cart'"
                        + " where id = '" + waiting + "'");
        execute(
                tenant,
                "update conversation set created_at = now() - interval '10 minutes', agent_id = '" + agent
                        + "', assigned_at = now() - interval '9 minutes' where id = '" + active + "'");
        execute(tenant, "update visitor set name = 'Hedy (identified)' where id = '" + hedy + "'");
        message(active, 1, "VISITOR", "ALL", "Hello", "now() - interval '8 minutes'");
        message(active, 2, "AGENT", "AGENTS", "VIP", "now() - interval '7 minutes'");
        message(active, 3, "AGENT", "ALL", "Hi Hedy", "timestamptz '2026-01-02T03:04:05Z'");
        execute(
                tenant,
                "update conversation set created_at = now() - interval '20 minutes' where id = '" + closed + "'");

        List<Map<String, Object>> live = conversations(supervisor(tenant), "/api/session/conversations/live");

        assertThat(live)
                .extracting(c -> c.get("conversationId"))
                .containsExactly(active.toString(), waiting.toString());
        assertThat(live.getFirst())
                .containsEntry("state", "ACTIVE")
                .containsEntry("visitorId", hedy.toString())
                .containsEntry("visitorName", "Hedy (identified)")
                .containsEntry("agentId", agent.toString())
                .containsEntry("messageCount", 3)
                .containsEntry("lastMessageAt", "2026-01-02T03:04:05Z")
                .containsEntry("pageUrl", null);
        assertThat(live.getFirst().get("assignedAt")).isNotNull();
        assertThat(live.get(1))
                .containsEntry("state", "QUEUED")
                .containsEntry("visitorName", "Grace")
                .containsEntry("departmentId", department.toString())
                .containsEntry("agentId", null)
                .containsEntry("assignedAt", null)
                .containsEntry("lastMessageAt", null)
                .containsEntry("messageCount", 0)
                .containsEntry("pageUrl", "https://shop.example/cart");
        assertThat((String) live.get(1).get("startedAt")).isNotBlank();

        for (String role : List.of("owner", "admin")) {
            assertThat(conversations(
                            new Caller(tenant, UUID.randomUUID(), Caller.Kind.AGENT, Set.of(role), "Boss"),
                            "/api/session/conversations/live"))
                    .hasSize(2);
        }
    }

    @Test
    void agentsAndVisitorsMayNotSeeTheBoard() {
        UUID grace = visitor(tenant, site);
        conversationOf(tenant, grace, "QUEUED");

        forbidden(agentCaller(tenant, agent), "/api/session/conversations/live");
        forbidden(visitorCaller(tenant, grace), "/api/session/conversations/live");
    }

    @Test
    void aVisitorsEarlierChatsNewestFirstWithTheirFirstMessage() {
        UUID grace = visitor(tenant, site);
        UUID first = conversationOf(tenant, grace, "CLOSED");
        UUID second = conversationOf(tenant, grace, "CLOSED");
        UUID open = conversationOf(tenant, grace, "ACTIVE");
        execute(
                tenant,
                "update conversation set created_at = now() - interval '2 days', closed_at = now() - interval"
                        + " '2 days' + interval '10 minutes', agent_id = '" + agent + "' where id = '" + first + "'");
        execute(
                tenant,
                "update conversation set created_at = now() - interval '1 day', closed_at = now() - interval"
                        + " '1 day' where id = '" + second + "'");
        message(first, 1, "SYSTEM", "ALL", "Ada joined", "now()");
        message(first, 2, "AGENT", "AGENTS", "Returning customer", "now()");
        message(first, 3, "VISITOR", "ALL", "Where is my order A-17?", "now()");
        message(first, 4, "VISITOR", "ALL", "Thanks", "now()");
        message(open, 1, "VISITOR", "ALL", "Back again", "now()");
        UUID someoneElse = visitor(tenant, site);
        conversationOf(tenant, someoneElse, "CLOSED");

        List<Map<String, Object>> chats =
                conversations(agentCaller(tenant, agent), "/api/session/visitors/" + grace + "/conversations");

        assertThat(chats)
                .extracting(c -> c.get("conversationId"))
                .containsExactly(open.toString(), second.toString(), first.toString());
        assertThat(chats.getFirst())
                .containsEntry("state", "ACTIVE")
                .containsEntry("closedAt", null)
                .containsEntry("messageCount", 1)
                .containsEntry("firstMessage", "Back again");
        assertThat(chats.get(1)).containsEntry("messageCount", 0).doesNotContainKey("firstMessage");
        assertThat(chats.get(2))
                .containsEntry("state", "CLOSED")
                .containsEntry("agentId", agent.toString())
                .containsEntry("messageCount", 4)
                .containsEntry("firstMessage", "Where is my order A-17?");
        assertThat(chats.get(2).get("closedAt")).isNotNull();
        assertThat(chats.get(2).get("startedAt")).isNotNull();
    }

    @Test
    void atMostTwentyOfAVisitorsChats() {
        UUID grace = visitor(tenant, site);
        for (int i = 0; i < 22; i++) {
            conversationOf(tenant, grace, "CLOSED");
        }
        assertThat(conversations(agentCaller(tenant, agent), "/api/session/visitors/" + grace + "/conversations"))
                .hasSize(20);
    }

    @Test
    void anotherTenantsChatsAndVisitorsAreNeverShown() {
        UUID otherTenant = UUID.randomUUID();
        UUID theirs = visitor(otherTenant, UUID.randomUUID());
        UUID theirChat = conversationOf(otherTenant, theirs, "ACTIVE");
        message(otherTenant, theirChat, 1, "VISITOR", "ALL", "Secret", "now()");
        UUID ours = visitor(tenant, site);
        UUID ourChat = conversationOf(tenant, ours, "QUEUED");

        assertThat(conversations(supervisor(tenant), "/api/session/conversations/live"))
                .extracting(c -> c.get("conversationId"))
                .containsExactly(ourChat.toString());
        as(supervisor(tenant))
                .get()
                .uri("/api/session/visitors/{id}/conversations", theirs)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/visitors/{id}/conversations", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
        forbidden(visitorCaller(tenant, ours), "/api/session/visitors/" + ours + "/conversations");
        assertThat(conversations(supervisor(otherTenant), "/api/session/conversations/live"))
                .extracting(c -> c.get("conversationId"))
                .containsExactly(theirChat.toString());
    }

    private void message(UUID conversation, long seq, String senderKind, String visibility, String text, String at) {
        message(tenant, conversation, seq, senderKind, visibility, text, at);
    }

    /** A stored message, and the conversation's last seq with it, as the message log leaves them. */
    private void message(
            UUID tenantId, UUID conversation, long seq, String senderKind, String visibility, String text, String at) {
        execute(
                tenantId,
                "insert into message (tenant_id, conversation_id, seq, id, sender_kind, visibility, body, posted_at)"
                        + " values ('" + tenantId + "', '" + conversation + "', " + seq + ", '" + UUID.randomUUID()
                        + "', '" + senderKind + "', '" + visibility + "', '" + text + "', " + at + ")");
        execute(tenantId, "update conversation set last_seq = " + seq + " where id = '" + conversation + "'");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> conversations(Caller caller, String path) {
        Map<String, Object> answer = as(caller)
                .get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).isNotNull();
        return (List<Map<String, Object>>) answer.get("conversations");
    }

    private void forbidden(Caller caller, String path) {
        WebTestClient.ResponseSpec response = as(caller).get().uri(path).exchange();
        response.expectStatus()
                .isEqualTo(HttpStatus.FORBIDDEN)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
    }

    private static Caller supervisor(UUID tenantId) {
        return new Caller(tenantId, UUID.randomUUID(), Caller.Kind.AGENT, Set.of("agent", "supervisor"), "Sue");
    }
}
