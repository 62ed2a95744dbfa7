package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.ConversationAssigned;
import dev.parley.contracts.routing.AcceptConversation;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Capacity holds under load: never an agent above their maximum, never a chat twice. */
class CapacityIT extends RoutingIT {

    @Test
    void fiveAgentsOfThreeChatsTakeFifteenOfTwentyAndTheRestWaitInOrder() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(tenant.agent("Agent " + i, 3, sales));
        }
        publish(tenant);
        agents.forEach(agent -> {
            online(tenant, agent);
            acceptEveryOffer(tenant, agent);
        });
        eventually().until(() -> count(tenant, "select count(*) from agent_connection") == 5);
        Map<UUID, FrameRecorder> visitors = new HashMap<>();
        List<UUID> conversations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID conversation = UUID.randomUUID();
            conversations.add(conversation);
            visitors.put(conversation, visitorChannel(tenant, conversation));
        }

        // All at once: keyed by conversation, they spread over the partitions and are decided concurrently.
        conversations.forEach(conversation -> request(tenant, conversation, sales, "Visitor"));

        eventually()
                .until(() -> kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED)
                                .size()
                        >= 15);
        // Settled: every agent full, nothing on offer, five waiting.
        eventually()
                .until(() -> count(tenant, "select count(*) from queue_entry") == 5
                        && count(tenant, "select count(*) from offer") == 0);
        List<ConversationAssigned> assigned = kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED);
        assertThat(assigned).hasSize(15);
        assertThat(assigned).extracting(ConversationAssigned::conversationId).doesNotHaveDuplicates();
        assertThat(assigned.stream()
                        .collect(Collectors.groupingBy(ConversationAssigned::agentId, Collectors.counting())))
                .hasSize(5)
                .allSatisfy((agent, chats) -> assertThat(chats).isEqualTo(3));
        agents.forEach(agent -> assertThat(activeChats(tenant, agent)).isEqualTo(3));
        assertThat(count(tenant, "select count(*) from assignment")).isEqualTo(15);

        List<UUID> waiting = queued(tenant, sales);
        assertThat(waiting)
                .hasSize(5)
                .doesNotContainAnyElementsOf(assigned.stream()
                        .map(ConversationAssigned::conversationId)
                        .toList());
        for (int position = 1; position <= 5; position++) {
            UUID conversation = waiting.get(position - 1);
            int expected = position;
            eventually().until(() -> lastPosition(visitors.get(conversation)) == expected);
        }
        assertThat(query(
                        tenant,
                        "select notified_position from queue_entry order by notified_position",
                        row -> row.get(0, Integer.class)))
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void closingAChatGivesTheFreedAgentTheNextInQueueAndMovesEveryoneUp() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 1, sales);
        publish(tenant);
        online(tenant, ada);
        acceptEveryOffer(tenant, ada);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        FrameRecorder secondHears = visitorChannel(tenant, second);
        FrameRecorder thirdHears = visitorChannel(tenant, third);
        request(tenant, first, sales, "Grace");
        eventually()
                .until(() -> kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED)
                                .size()
                        == 1);
        request(tenant, second, sales, "Hedy");
        eventually().until(() -> lastPosition(secondHears) == 1);
        request(tenant, third, sales, "Ida");
        eventually().until(() -> lastPosition(thirdHears) == 2);

        close(tenant, first);

        eventually()
                .until(() -> kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED)
                                .size()
                        == 2);
        assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED)
                        .getLast()
                        .conversationId())
                .isEqualTo(second);
        eventually().until(() -> !secondHears.ofType("conversation.assigned").isEmpty());
        eventually().until(() -> lastPosition(thirdHears) == 1);
        assertThat(activeChats(tenant, ada)).isEqualTo(1);
        assertThat(queued(tenant, sales)).containsExactly(third);
    }

    /** The agent's console accepts whatever it is offered, at once. */
    private void acceptEveryOffer(TestTenant tenant, UUID agent) {
        agentChannel(tenant, agent).onFrame(frame -> {
            if ("offer".equals(frame.path("type").asString())) {
                kafka.sendAsync(EventEnvelope.of(
                        EventTypes.ACCEPT_CONVERSATION,
                        "/parley/gateway-service",
                        tenant.id,
                        tenant.id.toString(),
                        new AcceptConversation(
                                UUID.fromString(frame.path("conversationId").asString()), agent, Instant.now())));
            }
        });
    }

    private static int lastPosition(FrameRecorder visitor) {
        List<JsonNode> queued = visitor.ofType("conversation.queued");
        return queued.isEmpty() ? 0 : queued.getLast().path("position").asInt();
    }
}
