package dev.parley.session.internalchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.CloseConversation;
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
import tools.jackson.databind.JsonNode;

/**
 * Internal chats over HTTP and through the command listener: direct chats made once per pair, team
 * chats whose members follow the tenant's departments, messages through the same log as visitors'
 * chats with the members told on their own channels, and nobody else let in.
 */
class InternalChatsIT extends SessionHttpIT {

    @Autowired
    CommandSender commands;

    final UUID tenant = UUID.randomUUID();
    final UUID site = UUID.randomUUID();
    final UUID sales = UUID.randomUUID();
    final UUID support = UUID.randomUUID();
    final UUID ann = UUID.randomUUID(); // sales
    final UUID bea = UUID.randomUUID(); // sales
    final UUID cid = UUID.randomUUID(); // support
    final UUID boss = UUID.randomUUID(); // supervisor, in no department

    @BeforeEach
    void aTenantWithTwoDepartments() {
        publish(snapshot(1, List.of(support)));
    }

    @Test
    void aDirectChatIsMadeOnceForThePairAndListedForBothWithoutAppearingAmongVisitorChats() {
        JsonNode made = open(ann, Map.of("withAgentId", bea), 201);
        assertThat(made.path("kind").asString()).isEqualTo("direct");
        assertThat(made.path("title").asString()).isEqualTo("Bea");
        assertThat(ids(made.path("memberIds"))).containsExactlyInAnyOrder(ann, bea);
        String chat = made.path("conversationId").asString();

        JsonNode again = open(bea, Map.of("withAgentId", ann), 200);
        assertThat(again.path("conversationId").asString())
                .as("the pair's chat, whoever asks")
                .isEqualTo(chat);
        assertThat(again.path("title").asString()).isEqualTo("Ann");

        JsonNode listed = list(bea).path("internalChats");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("conversationId").asString()).isEqualTo(chat);
        assertThat(listed.get(0).path("lastSeq").asLong()).isZero();
        assertThat(listed.get(0).path("lastMessageAt").isNull()).isTrue();
        assertThat(list(cid).path("internalChats")).as("not Cid's").isEmpty();

        UUID visitor = visitor(tenant, site);
        UUID visitorChat = conversationOf(tenant, visitor, "ACTIVE");
        JsonNode visitorChats = as(agent(ann))
                .get()
                .uri("/api/session/conversations?state=open")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(visitorChats.path("conversations").findValuesAsString("conversationId"))
                .contains(visitorChat.toString())
                .doesNotContain(chat);

        refused(ann, Map.of("withAgentId", UUID.randomUUID()), 404, "unknown_agent");
        refused(ann, Map.of("withAgentId", ann), 400, "invalid");
        refused(ann, Map.of(), 400, "invalid");
        as(visitorCaller(tenant, visitor))
                .post()
                .uri("/api/session/internal-chats")
                .bodyValue(Map.of("withAgentId", ann))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aTeamChatIsTheDepartmentsAgentsAndSupervisorsAsTheTenantIsConfiguredNow() {
        JsonNode made = open(ann, Map.of("departmentId", sales), 201);
        assertThat(made.path("kind").asString()).isEqualTo("team");
        assertThat(made.path("title").asString()).isEqualTo("Sales");
        assertThat(ids(made.path("memberIds"))).containsExactlyInAnyOrder(ann, bea, boss);
        UUID chat = UUID.fromString(made.path("conversationId").asString());

        assertThat(open(boss, Map.of("departmentId", sales), 200)
                        .path("conversationId")
                        .asString())
                .isEqualTo(chat.toString());
        refused(cid, Map.of("departmentId", sales), 403, "forbidden");
        refused(ann, Map.of("departmentId", UUID.randomUUID()), 404, "unknown_department");
        access(cid, chat).expectStatus().isForbidden();
        access(boss, chat).expectStatus().isOk();
        assertThat(list(cid).path("internalChats")).isEmpty();

        // Cid moves to sales: from the next snapshot on, Cid is in its team chat.
        publish(snapshot(2, List.of(sales)));
        eventually().until(() -> directory
                .agent(tenant, cid)
                .map(agent -> agent.departmentIds().contains(sales))
                .orElse(false));
        access(cid, chat).expectStatus().isOk();
        assertThat(list(cid).path("internalChats").get(0).path("conversationId").asString())
                .isEqualTo(chat.toString());
    }

    @Test
    void membersTalkThroughTheMessageLogAndAreToldOnTheirOwnChannelsEveryoneElseIsRefused() {
        UUID chat = UUID.fromString(open(ann, Map.of("withAgentId", bea), 201)
                .path("conversationId")
                .asString());
        UUID visitor = visitor(tenant, site);
        List<JsonNode> inChat = listen(DeliveryChannels.conversation(tenant, chat));
        List<JsonNode> toAnn = listen(DeliveryChannels.agent(tenant, ann));
        List<JsonNode> toBea = listen(DeliveryChannels.agent(tenant, bea));
        List<JsonNode> toCid = listen(DeliveryChannels.agent(tenant, cid));
        List<JsonNode> toVisitor = listen(DeliveryChannels.visitor(tenant, visitor));
        List<JsonNode> toBoss = listen(DeliveryChannels.agent(tenant, boss));

        send(ParticipantKind.AGENT, ann, chat, "a-1", "lunch?", Visibility.ALL);
        send(ParticipantKind.AGENT, ann, chat, "a-1", "lunch?", Visibility.ALL); // a retry
        send(ParticipantKind.AGENT, bea, chat, "b-1", "sure", Visibility.AGENTS); // stored visible to all
        send(ParticipantKind.AGENT, cid, chat, "c-1", "me too", Visibility.ALL); // not a member
        send(ParticipantKind.VISITOR, visitor, chat, "v-1", "hello?", Visibility.ALL);
        commands.send(EventEnvelope.of(
                        EventTypes.CLOSE_CONVERSATION,
                        "/parley/gateway-service",
                        tenant,
                        chat.toString(),
                        new CloseConversation(chat, ParticipantKind.AGENT, boss, Instant.now())))
                .block(Duration.ofSeconds(10));

        eventually()
                .until(() -> inChat.size() >= 3
                        && !toCid.isEmpty()
                        && !toVisitor.isEmpty()
                        && !toBoss.isEmpty()
                        && toBea.size() >= 1
                        && toAnn.size() >= 1);
        assertThat(inChat.stream().map(frame -> frame.path("seq").asLong()))
                .as("the message frames on the chat's channel (the retry published again)")
                .containsExactly(1L, 1L, 2L);
        assertThat(inChat.get(2).path("visibility").asString()).isEqualTo("all");
        assertThat(toCid.getFirst().path("code").asString()).isEqualTo("forbidden");
        assertThat(toVisitor.getFirst().path("code").asString()).isEqualTo("not_found");
        assertThat(toBoss.getFirst().path("code").asString())
                .as("nobody closes an internal chat")
                .isEqualTo("forbidden");

        JsonNode told = toBea.getFirst();
        assertThat(told.path("type").asString()).isEqualTo("internal.message");
        assertThat(told.path("conversationId").asString()).isEqualTo(chat.toString());
        assertThat(told.path("seq").asLong()).isEqualTo(1);
        assertThat(told.path("sender").path("id").asString()).isEqualTo(ann.toString());
        assertThat(told.path("sender").path("name").asString()).isEqualTo("Ann");
        assertThat(told.path("text").asString()).isEqualTo("lunch?");
        assertThat(toAnn.stream().filter(frame -> frame.path("type").asString().equals("internal.message")))
                .as("Ann hears of Bea's message, not of her own")
                .allMatch(frame -> frame.path("seq").asLong() == 2);

        JsonNode history = as(agent(bea))
                .get()
                .uri("/api/session/conversations/{id}/messages", chat)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(history.path("messages").findValuesAsString("text")).containsExactly("lunch?", "sure");
        assertThat(history.path("lastSeq").asLong()).isEqualTo(2);
        as(agent(cid))
                .get()
                .uri("/api/session/conversations/{id}/messages", chat)
                .exchange()
                .expectStatus()
                .isForbidden();
        as(visitorCaller(tenant, visitor))
                .get()
                .uri("/api/session/conversations/{id}/messages", chat)
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(count(tenant, "select count(*) from conversation where id = '" + chat + "' and state = 'ACTIVE'"))
                .as("a close does not end an internal chat")
                .isEqualTo(1);
        JsonNode listed = list(ann).path("internalChats").get(0);
        assertThat(listed.path("lastSeq").asLong()).isEqualTo(2);
        assertThat(listed.path("lastMessageAt").isNull()).isFalse();
    }

    @Test
    void anotherTenantsAgentFindsNothing() {
        UUID chat = UUID.fromString(open(ann, Map.of("withAgentId", bea), 201)
                .path("conversationId")
                .asString());
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

        as(strangerCaller)
                .get()
                .uri("/internal/conversations/{id}/access", chat)
                .exchange()
                .expectStatus()
                .isNotFound();
        as(strangerCaller)
                .post()
                .uri("/api/session/internal-chats")
                .bodyValue(Map.of("withAgentId", ann))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unknown_agent");
    }

    // --- helpers ---

    private TenantUpdated snapshot(long revision, List<UUID> cidDepartments) {
        return new TenantUpdated(
                tenant,
                revision,
                "Internal " + tenant,
                "team",
                TenantUpdated.Status.ACTIVE,
                List.of(new TenantUpdated.Site(site, "site-" + tenant, "Shop", List.of("https://shop.example"))),
                List.of(
                        new TenantUpdated.Department(sales, "Sales", TenantUpdated.RoutingMode.OFFER),
                        new TenantUpdated.Department(support, "Support", TenantUpdated.RoutingMode.PICKUP)),
                List.of(
                        new TenantUpdated.Agent(ann, "Ann", List.of("agent"), List.of(sales), 3),
                        new TenantUpdated.Agent(bea, "Bea", List.of("agent"), List.of(sales), 3),
                        new TenantUpdated.Agent(cid, "Cid", List.of("agent"), cidDepartments, 3),
                        new TenantUpdated.Agent(boss, "Boss", List.of("supervisor"), List.of(), 3)),
                Instant.now());
    }

    private Caller agent(UUID id) {
        return id.equals(boss)
                ? new Caller(tenant, id, Caller.Kind.AGENT, Set.of("supervisor"), "Boss")
                : agentCaller(tenant, id);
    }

    private JsonNode open(UUID caller, Map<String, ?> body, int status) {
        return as(agent(caller))
                .post()
                .uri("/api/session/internal-chats")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private void refused(UUID caller, Map<String, ?> body, int status, String code) {
        assertThat(open(caller, body, status).path("code").asString()).isEqualTo(code);
    }

    private JsonNode list(UUID caller) {
        return as(agent(caller))
                .get()
                .uri("/api/session/internal-chats")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec access(UUID caller, UUID chat) {
        return as(agent(caller))
                .get()
                .uri("/internal/conversations/{id}/access", chat)
                .exchange();
    }

    private void send(
            ParticipantKind kind, UUID sender, UUID chat, String clientMsgId, String text, Visibility visibility) {
        commands.send(EventEnvelope.of(
                        EventTypes.SEND_MESSAGE,
                        "/parley/gateway-service",
                        tenant,
                        chat.toString(),
                        new SendMessage(chat, clientMsgId, kind, sender, visibility, text, Instant.now())))
                .block(Duration.ofSeconds(10));
    }

    private static List<UUID> ids(JsonNode array) {
        List<UUID> ids = new java.util.ArrayList<>();
        array.forEach(id -> ids.add(UUID.fromString(id.asString())));
        return ids;
    }
}
