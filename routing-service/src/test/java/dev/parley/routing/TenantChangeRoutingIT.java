package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.routing.ConversationQueued;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.contracts.tenant.TenantUpdated.ChatRules;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Routing hands on what a snapshot took away (ADR 12): the chats and offers of an agent who left
 * the tenant's agents (deactivated, deleted), and the queue of a removed department.
 */
class TenantChangeRoutingIT extends RoutingIT {

    private static final String CONSUMER = "routing-service.tenant-state";

    @Test
    void anAgentWhoLeavesHandsTheirChatsToTheFrontOfTheQueueAndTheirOfferOnAtOnce() {
        var tenant = new TestTenant();
        tenant.rules = new ChatRules(null, 60, null); // an offer would stand a minute, not the test's 3 s
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 3, sales);
        UUID bob = tenant.agent("Bob", 4, sales);
        publish(tenant);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        FrameRecorder bobHears = agentChannel(tenant, bob);
        online(tenant, ada);
        UUID first = acceptedBy(tenant, sales, ada, "Grace");
        UUID second = acceptedBy(tenant, sales, ada, "Linus");
        UUID pending = UUID.randomUUID();
        request(tenant, pending, sales, "Ken");
        eventually().until(() -> offeredTo(tenant, ada).contains(pending));
        online(tenant, bob);
        eventually().until(() -> count(tenant, "select count(*) from agent_connection") == 2);
        UUID later = UUID.randomUUID();
        request(tenant, later, sales, "Barbara"); // Ada is full: Bob's
        eventually().until(() -> offeredTo(tenant, bob).contains(later));
        Map<UUID, Instant> askedAt = waitingSince(tenant, "assignment");
        FrameRecorder firstVisitorHears = visitorChannel(tenant, first);
        FrameRecorder secondVisitorHears = visitorChannel(tenant, second);

        tenant.removeAgent(ada);
        tenant.revision = 2;
        publishAndAwait(tenant, tenant.snapshot());

        // The offer to Ada is withdrawn in the same decision, a minute before it would expire.
        eventually().until(() -> !adaHears.ofType("offer.revoked").isEmpty());
        JsonNode revoked = adaHears.ofType("offer.revoked").getFirst();
        assertThat(revoked.path("conversationId").asString()).isEqualTo(pending.toString());
        assertThat(revoked.path("reason").asString()).isEqualTo("withdrawn");
        // Her chats wait before everyone else, in the order their visitors asked, and Bob is offered them first.
        assertThat(queued(tenant, sales)).containsExactly(first, second, pending, later);
        eventually().until(() -> offeredTo(tenant, bob).containsAll(List.of(first, second, pending)));
        assertThat(bobHears.ofType("offer").stream()
                        .map(offer ->
                                UUID.fromString(offer.path("conversationId").asString()))
                        .toList())
                .containsExactly(later, first, second, pending);
        assertThat(waitingSince(tenant, "queue_entry")).containsAllEntriesOf(askedAt);
        assertThat(count(tenant, "select count(*) from assignment")).isZero();
        assertThat(activeChats(tenant, ada)).isZero();
        // Their visitors see their place again, and session-service learns they wait (and lose Ada).
        eventually()
                .until(() -> !firstVisitorHears.ofType("conversation.queued").isEmpty()
                        && !secondVisitorHears.ofType("conversation.queued").isEmpty());
        assertThat(firstVisitorHears
                        .ofType("conversation.queued")
                        .getFirst()
                        .path("position")
                        .asInt())
                .isEqualTo(1);
        assertThat(secondVisitorHears
                        .ofType("conversation.queued")
                        .getFirst()
                        .path("position")
                        .asInt())
                .isEqualTo(2);
        // Each was queued once on request and once more now, at its new place.
        eventually().untilAsserted(() -> assertThat(positionsQueuedAt(tenant, first))
                .containsExactly(1, 1));
        eventually().untilAsserted(() -> assertThat(positionsQueuedAt(tenant, second))
                .containsExactly(1, 2));
    }

    @Test
    void aRemovedDepartmentsQueueMovesToTheFirstDepartmentAndAnotherTenantKeepsItsOwn() {
        var tenant = new TestTenant();
        tenant.rules = new ChatRules(null, 60, null);
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID support = tenant.department("Support", RoutingMode.OFFER);
        tenant.agent("Ada", 2, sales); // never online: what moves to Sales waits there
        UUID bob = tenant.agent("Bob", 2, support);
        publish(tenant);
        var other = new TestTenant();
        UUID otherSupport = other.department("Support", RoutingMode.OFFER);
        UUID cyd = other.agent("Cyd", 1, otherSupport);
        publish(other);
        FrameRecorder bobHears = agentChannel(tenant, bob);
        online(tenant, bob);
        UUID answered = acceptedBy(tenant, support, bob, "Grace");
        UUID offered = UUID.randomUUID();
        request(tenant, offered, support, "Linus");
        eventually().until(() -> offeredTo(tenant, bob).contains(offered));
        UUID waiting = UUID.randomUUID();
        request(tenant, waiting, support, "Ken");
        eventually().until(() -> queued(tenant, support).contains(waiting));
        online(other, cyd);
        UUID othersAnswered = acceptedBy(other, otherSupport, cyd, "Margaret");
        UUID othersWaiting = UUID.randomUUID();
        request(other, othersWaiting, otherSupport, "Frances");
        eventually().until(() -> queued(other, otherSupport).contains(othersWaiting));
        Map<UUID, Instant> askedAt = waitingSince(tenant, "queue_entry");
        Map<UUID, Instant> othersAskedAt = waitingSince(other, "queue_entry");
        FrameRecorder visitorHears = visitorChannel(tenant, waiting);

        tenant.removeDepartment(support);
        tenant.revision = 2;
        publishAndAwait(tenant, tenant.snapshot());

        // Its waiting chats, the offered one too, wait in Sales now, in their order and since when they asked.
        eventually().until(() -> queued(tenant, support).isEmpty());
        assertThat(queued(tenant, sales)).containsExactly(offered, waiting);
        assertThat(waitingSince(tenant, "queue_entry")).isEqualTo(askedAt);
        eventually().until(() -> !bobHears.ofType("offer.revoked").isEmpty());
        assertThat(bobHears.ofType("offer.revoked").getFirst().path("reason").asString())
                .isEqualTo("withdrawn");
        assertThat(offeredTo(tenant, bob)).isEmpty();
        // The answered chat of the removed department stays with its agent.
        assertThat(query(
                        tenant,
                        "select agent_id from assignment where conversation_id = '" + answered + "'",
                        row -> row.get(0, UUID.class)))
                .containsExactly(bob);
        eventually().until(() -> visitorHears.ofType("conversation.queued").stream()
                .anyMatch(frame -> frame.path("departmentId").asString().equals(sales.toString())));
        // Nobody of Sales is online: the visitor hears so, as on entering any queue.
        eventually()
                .until(() -> !visitorHears.ofType("conversation.unavailable").isEmpty());
        eventually().untilAsserted(() -> assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_QUEUED).stream()
                        .filter(queued -> queued.departmentId().equals(sales))
                        .map(ConversationQueued::conversationId)
                        .toList())
                .containsExactly(offered, waiting));
        // The other tenant's department of the same name and its chats are untouched.
        assertThat(queued(other, otherSupport)).containsExactly(othersWaiting);
        assertThat(waitingSince(other, "queue_entry")).isEqualTo(othersAskedAt);
        assertThat(query(
                        other,
                        "select agent_id from assignment where conversation_id = '" + othersAnswered + "'",
                        row -> row.get(0, UUID.class)))
                .containsExactly(cyd);
    }

    @Test
    void theSameSnapshotAgainOrAnOlderOneLateChangesNothing() {
        var tenant = new TestTenant();
        tenant.rules = new ChatRules(null, 60, null);
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 1, sales);
        UUID bob = tenant.agent("Bob", 1, sales);
        publish(tenant);
        online(tenant, ada);
        UUID first = acceptedBy(tenant, sales, ada, "Grace");
        online(tenant, bob);
        tenant.removeAgent(ada);
        tenant.revision = 2;
        TenantUpdated withoutAda = tenant.snapshot();
        EventEnvelope<TenantUpdated> applied = publishAndAwait(tenant, withoutAda);
        eventually().until(() -> offeredTo(tenant, bob).contains(first));
        accept(tenant.id, bob, first);
        eventually().until(() -> activeChats(tenant, bob) == 1);
        int queuedEvents =
                kafka.events(tenant.id, EventTypes.CONVERSATION_QUEUED).size();
        int offeredEvents =
                kafka.events(tenant.id, EventTypes.CONVERSATION_OFFERED).size();

        kafka.send(applied); // redelivered as it was
        publishAndAwait(tenant, withoutAda); // the same revision published again, as a new event
        awaitPublished(tenant);

        assertThat(query(tenant, "select agent_id from assignment", row -> row.get(0, UUID.class)))
                .containsExactly(bob);
        assertThat(count(tenant, "select count(*) from queue_entry")).isZero();
        assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_QUEUED)).hasSize(queuedEvents);
        assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_OFFERED)).hasSize(offeredEvents);
        assertThat(count(
                        tenant,
                        "select count(*) from processed_event where consumer = '" + CONSUMER + "' and event_id = '"
                                + applied.id() + "'"))
                .isEqualTo(1);

        UUID cyd = tenant.agent("Cyd", 1, sales);
        tenant.revision = 3;
        publishAndAwait(tenant, tenant.snapshot());
        online(tenant, cyd);
        UUID second = acceptedBy(tenant, sales, cyd, "Linus");
        queuedEvents = kafka.events(tenant.id, EventTypes.CONVERSATION_QUEUED).size();
        offeredEvents = kafka.events(tenant.id, EventTypes.CONVERSATION_OFFERED).size();

        // Revision 2 arriving late: it lacks Cy, who came in revision 3 and has a chat now.
        publishAndAwait(tenant, withoutAda);
        awaitPublished(tenant);

        assertThat(query(
                                tenant,
                                "select conversation_id, agent_id from assignment",
                                row -> Map.entry(row.get(0, UUID.class), row.get(1, UUID.class)))
                        .stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .isEqualTo(Map.of(first, bob, second, cyd));
        assertThat(count(tenant, "select count(*) from queue_entry")).isZero();
        assertThat(count(tenant, "select count(*) from offer")).isZero();
        assertThat(activeChats(tenant, bob)).isEqualTo(1);
        assertThat(activeChats(tenant, cyd)).isEqualTo(1);
        assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_QUEUED)).hasSize(queuedEvents);
        assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_OFFERED)).hasSize(offeredEvents);
    }

    /**
     * What the decisions so far wrote to the outbox has left it: an event they should not have
     * emitted is then on its way to the recorder, not still waiting to be relayed.
     */
    private void awaitPublished(TestTenant tenant) {
        eventually()
                .until(() -> count(tenant, "select count(*) from outbox where tenant_id = '" + tenant.id + "'") == 0);
    }

    private List<Integer> positionsQueuedAt(TestTenant tenant, UUID conversationId) {
        return kafka.events(tenant.id, EventTypes.CONVERSATION_QUEUED).stream()
                .filter(queued -> queued.conversationId().equals(conversationId))
                .map(ConversationQueued::position)
                .toList();
    }

    /** Publishes {@code snapshot} as a new event and waits until routing has decided on it. */
    private EventEnvelope<TenantUpdated> publishAndAwait(TestTenant tenant, TenantUpdated snapshot) {
        var event = EventEnvelope.of(
                EventTypes.TENANT_UPDATED, "/parley/tenant-service", tenant.id, tenant.id.toString(), snapshot);
        kafka.send(event);
        eventually()
                .until(() -> count(
                                tenant,
                                "select count(*) from processed_event where consumer = '" + CONSUMER
                                        + "' and event_id = '" + event.id() + "'")
                        == 1);
        return event;
    }

    /** A chat of the department that {@code agent} (online) accepted. */
    private UUID acceptedBy(TestTenant tenant, UUID departmentId, UUID agent, String visitor) {
        UUID conversation = UUID.randomUUID();
        request(tenant, conversation, departmentId, visitor);
        eventually().until(() -> offeredTo(tenant, agent).contains(conversation));
        accept(tenant.id, agent, conversation);
        eventually()
                .until(() ->
                        count(tenant, "select count(*) from assignment where conversation_id = '" + conversation + "'")
                                == 1);
        return conversation;
    }

    /** When each conversation's visitor began waiting, as {@code table} (assignment, queue_entry) holds it. */
    private Map<UUID, Instant> waitingSince(TestTenant tenant, String table) {
        return query(
                        tenant,
                        "select conversation_id, enqueued_at from " + table,
                        row -> Map.entry(row.get(0, UUID.class), row.get(1, Instant.class)))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
