package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.ConversationAssigned;
import dev.parley.contracts.routing.ConversationQueued;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Handing a chat over: to an agent who can take it, or back into a department's queue. */
class TransferIT extends RoutingIT {

    @Test
    void toAnotherAgentMovesTheChatAndItsCapacity() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        UUID bob = tenant.agent("Bob", 2, sales);
        publish(tenant);
        UUID conversation = assignedTo(tenant, sales, ada);
        online(tenant, bob);
        eventually().until(() -> count(tenant, "select count(*) from agent_connection") == 2);
        FrameRecorder bobHears = agentChannel(tenant, bob);
        FrameRecorder visitorHears = visitorChannel(tenant, conversation);

        transfer(tenant.id, ada, conversation, bob, null);

        eventually()
                .until(() -> kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED)
                                .size()
                        == 2);
        ConversationAssigned handedOver =
                kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED).getLast();
        assertThat(handedOver.agentId()).isEqualTo(bob);
        assertThat(handedOver.previousAgentId()).isEqualTo(ada);
        assertThat(handedOver.departmentId()).isEqualTo(sales);
        assertThat(kafka.records(tenant.id, EventTypes.CONVERSATION_ASSIGNED)
                        .getLast()
                        .key())
                .isEqualTo(conversation.toString());
        eventually()
                .until(() -> !bobHears.ofType("conversation.assigned").isEmpty()
                        && !visitorHears.ofType("conversation.assigned").isEmpty());
        assertThat(visitorHears
                        .ofType("conversation.assigned")
                        .getFirst()
                        .path("agent")
                        .path("name")
                        .asString())
                .isEqualTo("Bob");
        assertThat(activeChats(tenant, ada)).isZero();
        assertThat(activeChats(tenant, bob)).isEqualTo(1);
    }

    @Test
    void toAnAgentWhoIsNotOnlineOrByAnAgentWhoHasNotTheChatIsRefused() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        UUID bob = tenant.agent("Bob", 2, sales);
        UUID cyd = tenant.agent("Cyd", 2, sales);
        publish(tenant);
        UUID conversation = assignedTo(tenant, sales, ada);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        FrameRecorder cydHears = agentChannel(tenant, cyd);

        transfer(tenant.id, ada, conversation, bob, null); // Bob never came online
        transfer(tenant.id, cyd, conversation, cyd, null); // Cyd tries to take Ada's chat

        eventually()
                .until(() -> !adaHears.ofType("error").isEmpty()
                        && !cydHears.ofType("error").isEmpty());
        JsonNode refused = adaHears.ofType("error").getFirst();
        assertThat(refused.path("code").asString()).isEqualTo("transfer_refused");
        assertThat(refused.path("message").asString()).isEqualTo("Bob is not online");
        assertThat(refused.path("ref").path("type").asString()).isEqualTo("conversation.transfer");
        assertThat(refused.path("ref").path("conversationId").asString()).isEqualTo(conversation.toString());
        assertThat(cydHears.ofType("error").getFirst().path("code").asString()).isEqualTo("forbidden");
        assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED)).hasSize(1);
        assertThat(activeChats(tenant, ada)).isEqualTo(1);
        assertThat(query(tenant, "select agent_id from assignment", row -> row.get(0, UUID.class)))
                .containsExactly(ada);
    }

    @Test
    void toADepartmentQueuesItThereAndItsAgentsGetIt() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID billing = tenant.department("Billing", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales, billing);
        UUID cyd = tenant.agent("Cyd", 2, billing);
        publish(tenant);
        UUID conversation = assignedTo(tenant, sales, ada);
        online(tenant, cyd);
        eventually().until(() -> count(tenant, "select count(*) from agent_connection") == 2);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        FrameRecorder cydHears = agentChannel(tenant, cyd);
        FrameRecorder visitorHears = visitorChannel(tenant, conversation);

        transfer(tenant.id, ada, conversation, null, billing);

        eventually().until(() -> !cydHears.ofType("offer").isEmpty());
        assertThat(cydHears.ofType("offer").getFirst().path("departmentId").asString())
                .isEqualTo(billing.toString());
        // Ada is in Billing too, and online, but she handed it on: it is not offered back to her.
        assertThat(adaHears.ofType("offer")).isEmpty();
        eventually().until(() -> !visitorHears.ofType("conversation.queued").isEmpty());
        assertThat(visitorHears
                        .ofType("conversation.queued")
                        .getFirst()
                        .path("departmentId")
                        .asString())
                .isEqualTo(billing.toString());
        eventually().untilAsserted(() -> assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_QUEUED))
                .extracting(ConversationQueued::departmentId)
                .containsExactly(sales, billing));
        assertThat(activeChats(tenant, ada)).isZero();

        accept(tenant.id, cyd, conversation);

        eventually()
                .until(() -> kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED)
                                .size()
                        == 2);
        ConversationAssigned reassigned =
                kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED).getLast();
        assertThat(reassigned.agentId()).isEqualTo(cyd);
        assertThat(reassigned.departmentId()).isEqualTo(billing);
        assertThat(reassigned.previousAgentId()).isEqualTo(ada);
        assertThat(activeChats(tenant, cyd)).isEqualTo(1);
    }

    /** A chat of the department that {@code agent} (online from now on) has accepted. */
    private UUID assignedTo(TestTenant tenant, UUID departmentId, UUID agent) {
        online(tenant, agent);
        FrameRecorder agentHears = agentChannel(tenant, agent);
        UUID conversation = UUID.randomUUID();
        request(tenant, conversation, departmentId, "Grace");
        eventually().until(() -> !agentHears.ofType("offer").isEmpty());
        accept(tenant.id, agent, conversation);
        eventually().until(() -> List.of(conversation)
                .equals(kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED).stream()
                        .map(ConversationAssigned::conversationId)
                        .toList()));
        return conversation;
    }
}
