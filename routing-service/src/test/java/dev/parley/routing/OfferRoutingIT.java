package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.ConversationAssigned;
import dev.parley.contracts.routing.ConversationOffered;
import dev.parley.contracts.routing.ConversationQueued;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OFFER mode: one agent at a time is offered a chat, and has a while to take it. */
class OfferRoutingIT extends RoutingIT {

    @Test
    void anOfferedChatIsTheAgentsOnceTheyAcceptIt() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        publish(tenant);
        online(tenant, ada);
        UUID conversation = UUID.randomUUID();
        FrameRecorder adaHears = agentChannel(tenant, ada);
        FrameRecorder visitorHears = visitorChannel(tenant, conversation);
        FrameRecorder queueShows = queueChannel(tenant, sales);

        request(tenant, conversation, sales, "Grace");

        eventually().until(() -> !adaHears.ofType("offer").isEmpty());
        JsonNode offer = adaHears.ofType("offer").getFirst();
        assertThat(offer.path("conversationId").asString()).isEqualTo(conversation.toString());
        assertThat(offer.path("departmentId").asString()).isEqualTo(sales.toString());
        assertThat(offer.path("visitorName").asString()).isEqualTo("Grace");
        assertThat(Instant.parse(offer.path("expiresAt").asString())).isAfter(Instant.now());
        eventually().untilAsserted(() -> assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_OFFERED))
                .extracting(ConversationOffered::conversationId, ConversationOffered::agentId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(conversation, ada)));
        eventually().untilAsserted(() -> assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_QUEUED))
                .extracting(ConversationQueued::conversationId, ConversationQueued::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(conversation, 1)));
        eventually().until(() -> !visitorHears.ofType("conversation.queued").isEmpty());
        JsonNode queued = visitorHears.ofType("conversation.queued").getFirst();
        assertThat(queued.path("position").asInt()).isEqualTo(1);
        assertThat(queued.path("departmentId").asString()).isEqualTo(sales.toString());
        assertThat(queued.path("estimatedWaitSeconds").asLong()).isPositive();

        accept(tenant.id, ada, conversation);

        eventually().untilAsserted(() -> assertThat(kafka.records(tenant.id, EventTypes.CONVERSATION_ASSIGNED))
                .singleElement()
                .satisfies(record -> assertThat(record.key()).isEqualTo(conversation.toString())));
        ConversationAssigned assigned =
                kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED).getFirst();
        assertThat(assigned.agentId()).isEqualTo(ada);
        assertThat(assigned.departmentId()).isEqualTo(sales);
        assertThat(assigned.previousAgentId()).isNull();
        eventually()
                .until(() -> !visitorHears.ofType("conversation.assigned").isEmpty()
                        && !adaHears.ofType("conversation.assigned").isEmpty());
        for (JsonNode frame : List.of(
                visitorHears.ofType("conversation.assigned").getFirst(),
                adaHears.ofType("conversation.assigned").getFirst())) {
            assertThat(frame.path("conversationId").asString()).isEqualTo(conversation.toString());
            assertThat(frame.path("agent").path("id").asString()).isEqualTo(ada.toString());
            assertThat(frame.path("agent").path("name").asString()).isEqualTo("Ada");
        }
        assertThat(activeChats(tenant, ada)).isEqualTo(1);
        assertThat(queued(tenant, sales)).isEmpty();
        // The department's agents saw it arrive and leave.
        eventually().untilAsserted(() -> assertThat(
                        queueShows.ofType("queue").getLast().path("entries").isEmpty())
                .isTrue());
        assertThat(queueShows
                        .ofType("queue")
                        .getFirst()
                        .path("entries")
                        .get(0)
                        .path("visitorName")
                        .asString())
                .isEqualTo("Grace");
    }

    @Test
    void anOfferNotAcceptedInTimeGoesToAnotherAgent() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        UUID bob = tenant.agent("Bob", 2, sales);
        publish(tenant);
        online(tenant, ada);
        online(tenant, bob);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        FrameRecorder bobHears = agentChannel(tenant, bob);
        UUID conversation = UUID.randomUUID();

        request(tenant, conversation, sales, "Grace");

        eventually()
                .until(() -> adaHears.ofType("offer").size()
                                + bobHears.ofType("offer").size()
                        == 1);
        Instant firstOffered = Instant.now();
        FrameRecorder first = adaHears.ofType("offer").isEmpty() ? bobHears : adaHears;
        FrameRecorder second = first == adaHears ? bobHears : adaHears;
        UUID secondAgent = first == adaHears ? bob : ada;

        eventually().until(() -> !second.ofType("offer").isEmpty());
        assertThat(Duration.between(firstOffered, Instant.now())).isGreaterThan(ACCEPT_TIMEOUT.minusMillis(500));
        assertThat(first.ofType("offer.revoked")).singleElement().satisfies(revoked -> {
            assertThat(revoked.path("conversationId").asString()).isEqualTo(conversation.toString());
            assertThat(revoked.path("reason").asString()).isEqualTo("expired");
        });
        assertThat(offeredTo(tenant, secondAgent)).containsExactly(conversation);

        // The second lets it expire too: nobody is left who has not had it, so it waits in the queue.
        eventually().until(() -> !second.ofType("offer.revoked").isEmpty());
        assertThat(first.ofType("offer")).hasSize(1);
        assertThat(queued(tenant, sales)).containsExactly(conversation);
        eventually().untilAsserted(() -> assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_QUEUED))
                .hasSize(2));
    }

    @Test
    void aDeclinedOfferGoesToTheNextAgentAtOnce() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        UUID bob = tenant.agent("Bob", 2, sales);
        publish(tenant);
        online(tenant, ada);
        online(tenant, bob);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        FrameRecorder bobHears = agentChannel(tenant, bob);
        UUID conversation = UUID.randomUUID();
        request(tenant, conversation, sales, "Grace");
        eventually()
                .until(() -> adaHears.ofType("offer").size()
                                + bobHears.ofType("offer").size()
                        == 1);
        UUID declining = adaHears.ofType("offer").isEmpty() ? bob : ada;
        UUID next = declining == ada ? bob : ada;
        FrameRecorder nextHears = next == ada ? adaHears : bobHears;
        Instant declined = Instant.now();

        decline(tenant.id, declining, conversation);

        eventually().until(() -> !nextHears.ofType("offer").isEmpty());
        // Well before the accept timeout: a decline passes the chat on at once.
        assertThat(Duration.between(declined, Instant.now())).isLessThan(ACCEPT_TIMEOUT);
        accept(tenant.id, next, conversation);
        eventually().untilAsserted(() -> assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED))
                .singleElement()
                .satisfies(assigned -> assertThat(assigned.agentId()).isEqualTo(next)));
        assertThat(activeChats(tenant, next)).isEqualTo(1);
        assertThat(activeChats(tenant, declining)).isZero();
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        publish(tenant);
        online(tenant, ada);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        UUID conversation = UUID.randomUUID();

        var requested = request(tenant, conversation, sales, "Grace");
        eventually().until(() -> adaHears.ofType("offer").size() == 1);
        kafka.send(requested); // the same event again, as after a producer retry or a rebalance
        var accepted = accept(tenant.id, ada, conversation);
        eventually().until(() -> adaHears.ofType("conversation.assigned").size() == 1);
        kafka.send(accepted);

        // Later records of the same partitions, so the redeliveries before them have been applied.
        UUID unknown = UUID.randomUUID();
        accept(tenant.id, ada, unknown);
        eventually().until(() -> adaHears.ofType("offer.revoked").stream()
                .anyMatch(revoked -> revoked.path("conversationId").asString().equals(unknown.toString())));
        assertThat(adaHears.ofType("offer")).hasSize(1);
        assertThat(adaHears.ofType("conversation.assigned")).hasSize(1);
        assertThat(activeChats(tenant, ada)).isEqualTo(1);
        close(tenant, conversation);
        eventually().until(() -> activeChats(tenant, ada) == 0);

        eventually().until(() -> !kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED)
                .isEmpty());
        assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_QUEUED)).hasSize(1);
        assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_OFFERED)).hasSize(1);
        assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED)).hasSize(1);
        assertThat(queued(tenant, sales)).isEmpty();
        // Each was recorded once, by the consumer that applied it.
        assertThat(count(
                        tenant,
                        "select count(*) from processed_event where event_id in ('" + requested.id() + "', '"
                                + accepted.id() + "')"))
                .isEqualTo(2);
    }
}
