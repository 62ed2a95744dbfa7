package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventTypes;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PICKUP mode: every agent of the department sees the request; the first to accept gets it. */
class PickupRoutingIT extends RoutingIT {

    @Test
    void theFirstAcceptWinsAndALaterOneIsToldTheChatIsTaken() {
        var tenant = new TestTenant();
        UUID support = tenant.department("Support", RoutingMode.PICKUP);
        UUID ada = tenant.agent("Ada", 2, support);
        UUID bob = tenant.agent("Bob", 2, support);
        publish(tenant);
        online(tenant, ada);
        online(tenant, bob);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        FrameRecorder bobHears = agentChannel(tenant, bob);
        FrameRecorder queueShows = queueChannel(tenant, support);
        UUID conversation = UUID.randomUUID();

        request(tenant, conversation, support, "Grace");

        eventually().until(() -> !queueShows.ofType("queue").isEmpty());
        JsonNode entry = queueShows.ofType("queue").getFirst().path("entries").get(0);
        assertThat(entry.path("conversationId").asString()).isEqualTo(conversation.toString());
        assertThat(entry.path("visitorName").asString()).isEqualTo("Grace");
        assertThat(entry.path("position").asInt()).isEqualTo(1);
        assertThat(entry.path("pageUrl").asString()).isEqualTo("https://shop.example/checkout");
        assertThat(entry.path("answers").propertyNames()).containsExactly("name", "order");
        assertThat(Instant.parse(entry.path("waitingSince").asString())).isBefore(Instant.now());

        // Both click at once; the commands reach routing in some order.
        accept(tenant.id, bob, conversation);
        accept(tenant.id, ada, conversation);

        eventually()
                .until(() -> adaHears.ofType("offer.revoked").size()
                                + bobHears.ofType("offer.revoked").size()
                        == 1);
        eventually().untilAsserted(() -> assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED))
                .singleElement()
                .satisfies(assigned -> {
                    assertThat(assigned.agentId()).isEqualTo(bob);
                    assertThat(assigned.departmentId()).isEqualTo(support);
                }));
        assertThat(adaHears.ofType("offer.revoked").getFirst().path("reason").asString())
                .isEqualTo("taken");
        assertThat(bobHears.ofType("conversation.assigned")).hasSize(1);
        assertThat(adaHears.ofType("conversation.assigned")).isEmpty();
        // Nobody was offered anything: pick-up mode only shows the queue.
        assertThat(adaHears.ofType("offer")).isEmpty();
        assertThat(bobHears.ofType("offer")).isEmpty();
        assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_OFFERED)).isEmpty();
        assertThat(activeChats(tenant, bob)).isEqualTo(1);
        assertThat(activeChats(tenant, ada)).isZero();
        eventually()
                .until(() ->
                        queueShows.ofType("queue").getLast().path("entries").isEmpty());
    }

    @Test
    void anAgentAtCapacityCannotPickUpAnotherChat() {
        var tenant = new TestTenant();
        UUID support = tenant.department("Support", RoutingMode.PICKUP);
        UUID ada = tenant.agent("Ada", 1, support);
        publish(tenant);
        online(tenant, ada);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        request(tenant, first, support, "Grace");
        request(tenant, second, support, "Hedy");
        eventually().until(() -> queued(tenant, support).size() == 2);

        accept(tenant.id, ada, first);
        accept(tenant.id, ada, second);

        eventually().until(() -> !adaHears.ofType("offer.revoked").isEmpty());
        assertThat(adaHears.ofType("offer.revoked")
                        .getFirst()
                        .path("conversationId")
                        .asString())
                .isEqualTo(second.toString());
        eventually().untilAsserted(() -> assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED))
                .hasSize(1));
        assertThat(activeChats(tenant, ada)).isEqualTo(1);
        assertThat(queued(tenant, support)).containsExactly(second);
    }
}
