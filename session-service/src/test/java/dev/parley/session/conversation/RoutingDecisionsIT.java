package dev.parley.session.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.chat.ConversationAssigned;
import dev.parley.contracts.routing.ConversationQueued;
import dev.parley.session.SessionIT;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Routing's decisions reach session on two topics in either order; the newer one wins, so a
 * transfer to a department takes the previous agent's right to write to the visitor away.
 */
class RoutingDecisionsIT extends SessionIT {

    @Autowired
    Conversations conversations;

    final UUID tenant = UUID.randomUUID();
    final UUID department = UUID.randomUUID();
    final UUID otherDepartment = UUID.randomUUID();
    final UUID agent = UUID.randomUUID();
    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aTransferToADepartmentUnassignsAndTheNextAssignmentAssignsAgain() {
        UUID conversation = conversation(tenant, "REQUESTED", t0, department);
        conversations
                .queued(tenant, new ConversationQueued(conversation, department, 1, t0))
                .block();
        assertThat(state(conversation)).isEqualTo("QUEUED null");

        conversations
                .assigned(tenant, new ConversationAssigned(conversation, agent, department, null, t0.plusSeconds(1)))
                .block();
        assertThat(state(conversation)).isEqualTo("ASSIGNED " + agent);

        conversations
                .queued(tenant, new ConversationQueued(conversation, otherDepartment, 1, t0.plusSeconds(2)))
                .block();
        assertThat(state(conversation)).as("transferred to a department").isEqualTo("QUEUED null");

        UUID next = UUID.randomUUID();
        conversations
                .assigned(
                        tenant, new ConversationAssigned(conversation, next, otherDepartment, agent, t0.plusSeconds(3)))
                .block();
        assertThat(state(conversation)).isEqualTo("ASSIGNED " + next);
    }

    @Test
    void anOlderDecisionArrivingLateChangesNothing() {
        UUID conversation = conversation(tenant, "REQUESTED", t0, department);
        conversations
                .assigned(tenant, new ConversationAssigned(conversation, agent, department, null, t0.plusSeconds(5)))
                .block();

        conversations
                .queued(tenant, new ConversationQueued(conversation, department, 1, t0))
                .block();
        conversations
                .assigned(
                        tenant,
                        new ConversationAssigned(conversation, UUID.randomUUID(), department, null, t0.plusSeconds(1)))
                .block();

        assertThat(state(conversation)).isEqualTo("ASSIGNED " + agent);
    }

    private String state(UUID conversation) {
        return transactions
                .inTenant(tenant, () -> db.sql(
                                "select state, agent_id from conversation where tenant_id = $1 and id = $2")
                        .bind(0, tenant)
                        .bind(1, conversation)
                        .map(row -> row.get("state", String.class) + " " + row.get("agent_id", UUID.class))
                        .one())
                .block();
    }
}
