package dev.parley.session.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.ReportReceipt;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.delivery.Delivery;
import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.platform.delivery.DeliverySubscriber;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.messaging.CommandSender;
import dev.parley.session.SessionIT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receipts as the gateway sends them, through Kafka, session's command listener, Postgres and
 * Redis: marks only rise, never past what the side could have seen, never onto an agents-only
 * message, and each change is told to the conversation once; whoever does not take part is refused.
 *
 * <p>The conversation holds seq 1 (visitor), 2 (agent), 3 (whisper), 4 (agent), 5 (note): the
 * visitor can have seen up to 4, the agents up to 5.
 */
class ReceiptsIT extends SessionIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    CommandSender commands;

    @Autowired
    DeliverySubscriber subscriber;

    @Autowired
    TenantDirectory directory;

    @Autowired
    Receipts receipts;

    final UUID tenant = UUID.randomUUID();
    final UUID agent = UUID.randomUUID();
    final UUID otherAgent = UUID.randomUUID();
    final UUID supervisor = UUID.randomUUID();
    final Disposable.Composite listening = Disposables.composite();
    UUID conversation;
    UUID visitor;

    @BeforeEach
    void aChatWithWhispersAndNotes() {
        publishTenant(
                tenant,
                List.of(
                        new TenantUpdated.Agent(agent, "Agent", List.of("agent"), List.of(), 3),
                        new TenantUpdated.Agent(otherAgent, "Other", List.of("agent"), List.of(), 3),
                        new TenantUpdated.Agent(supervisor, "Boss", List.of("supervisor"), List.of(), 3)));
        conversation = conversation(tenant, "ACTIVE", Instant.now(), null);
        visitor = transactions
                .inTenant(tenant, () -> db.sql("update conversation set agent_id = $3, last_seq = 5"
                                + " where tenant_id = $1 and id = $2 returning visitor_id")
                        .bind(0, tenant)
                        .bind(1, conversation)
                        .bind(2, agent)
                        .map(row -> row.get("visitor_id", UUID.class))
                        .one()
                        .flatMap(visitorId -> insertMessage(1, "VISITOR", visitorId, "ALL")
                                .then(insertMessage(2, "AGENT", agent, "ALL"))
                                .then(insertMessage(3, "AGENT", supervisor, "AGENTS"))
                                .then(insertMessage(4, "AGENT", agent, "ALL"))
                                .then(insertMessage(5, "AGENT", otherAgent, "AGENTS"))
                                .thenReturn(visitorId)))
                .block();
    }

    @AfterEach
    void stopListening() {
        listening.dispose();
    }

    @Test
    void storesTheHighestMarksAndTellsTheConversationOncePerChange() {
        List<JsonNode> told = listen(DeliveryChannels.conversation(tenant, conversation));
        var firstRead = receipt(tenant, ParticipantKind.VISITOR, visitor, null, 2L);

        send(firstRead);
        send(firstRead); // Kafka redelivers: the same record again
        send(receipt(tenant, ParticipantKind.VISITOR, visitor, 1L, 1L)); // older than what is stored
        send(receipt(tenant, ParticipantKind.VISITOR, visitor, 4L, null));

        // A conversation's commands run in order: once the last change is told, every earlier one was handled.
        await().atMost(Duration.ofSeconds(20)).until(() -> told.size() >= 2);
        assertThat(told).containsExactly(frame("visitor", 2, 2), frame("visitor", 4, 2));
        assertThat(marks()).isEqualTo(new Receipts.Both(new Receipts.Marks(4, 2), new Receipts.Marks(0, 0)));
    }

    @Test
    void ignoresMarksPastWhatTheSideCouldHaveSeenAndNeverNamesAnAgentsOnlyMessage() {
        List<JsonNode> told = listen(DeliveryChannels.conversation(tenant, conversation));

        send(receipt(tenant, ParticipantKind.VISITOR, visitor, null, 5L)); // 5 is a note: past what the visitor got
        send(receipt(tenant, ParticipantKind.VISITOR, visitor, 99L, 1L)); // past the last seq
        send(receipt(tenant, ParticipantKind.AGENT, agent, 6L, null)); // past the last seq
        send(receipt(tenant, ParticipantKind.VISITOR, visitor, null, 3L)); // 3 is a whisper: counts as 2
        send(receipt(tenant, ParticipantKind.AGENT, agent, null, 5L)); // the note counts as 4

        await().atMost(Duration.ofSeconds(20)).until(() -> told.size() >= 2);
        assertThat(told).containsExactly(frame("visitor", 2, 2), frame("agent", 4, 4));
        assertThat(marks()).isEqualTo(new Receipts.Both(new Receipts.Marks(2, 2), new Receipts.Marks(4, 4)));
    }

    @Test
    void refusesWhoeverDoesNotTakePartAndFindsNoOtherTenantsConversation() {
        UUID otherTenant = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID neighbour = UUID.randomUUID();
        publishTenant(
                otherTenant, List.of(new TenantUpdated.Agent(stranger, "Stranger", List.of("owner"), List.of(), 3)));
        List<JsonNode> told = listen(DeliveryChannels.conversation(tenant, conversation));
        List<JsonNode> toStranger = listen(DeliveryChannels.agent(otherTenant, stranger));
        List<JsonNode> toNeighbour = listen(DeliveryChannels.visitor(tenant, neighbour));
        List<JsonNode> toOtherAgent = listen(DeliveryChannels.agent(tenant, otherAgent));

        send(receipt(otherTenant, ParticipantKind.AGENT, stranger, 4L, 4L)); // another tenant's id
        send(receipt(tenant, ParticipantKind.VISITOR, neighbour, 4L, 4L)); // another visitor's chat
        send(receipt(tenant, ParticipantKind.AGENT, otherAgent, 4L, 4L)); // not the assigned agent
        send(receipt(tenant, ParticipantKind.AGENT, supervisor, 2L, 1L)); // a supervisor takes part

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        told.size() >= 1 && !toStranger.isEmpty() && !toNeighbour.isEmpty() && !toOtherAgent.isEmpty());
        assertThat(toStranger.getFirst().path("code").asString()).isEqualTo("not_found");
        assertThat(toNeighbour.getFirst().path("code").asString()).isEqualTo("forbidden");
        assertThat(toOtherAgent.getFirst().path("code").asString()).isEqualTo("forbidden");
        assertThat(toOtherAgent.getFirst().path("ref").path("type").asString()).isEqualTo("receipt");
        assertThat(told).containsExactly(frame("agent", 2, 1));
        assertThat(marks()).isEqualTo(new Receipts.Both(new Receipts.Marks(0, 0), new Receipts.Marks(2, 1)));
    }

    // --- helpers ---

    private Mono<Void> insertMessage(long seq, String kind, UUID sender, String visibility) {
        return db.sql("insert into message (tenant_id, conversation_id, seq, id, sender_kind, sender_id, visibility,"
                        + " body) values ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(0, tenant)
                .bind(1, conversation)
                .bind(2, seq)
                .bind(3, UUID.randomUUID())
                .bind(4, kind)
                .bind(5, sender)
                .bind(6, visibility)
                .bind(7, "message " + seq)
                .then();
    }

    private void publishTenant(UUID tenantId, List<TenantUpdated.Agent> agents) {
        var snapshot = new TenantUpdated(
                tenantId,
                1,
                "Receipts",
                "team",
                TenantUpdated.Status.ACTIVE,
                List.of(),
                List.of(),
                agents,
                Instant.now());
        commands.send(EventEnvelope.of(
                        EventTypes.TENANT_UPDATED, "/parley/tenant-service", tenantId, tenantId.toString(), snapshot))
                .block();
        assertThat(directory.awaitTenant(tenantId, Duration.ofSeconds(30)).block())
                .as("the directory knows the tenant")
                .isNotNull();
    }

    private EventEnvelope<ReportReceipt> receipt(
            UUID tenantId, ParticipantKind side, UUID actor, @Nullable Long delivered, @Nullable Long read) {
        return EventEnvelope.of(
                EventTypes.REPORT_RECEIPT,
                "/parley/gateway-service",
                tenantId,
                conversation.toString(),
                new ReportReceipt(conversation, side, actor, delivered, read, Instant.now()));
    }

    private void send(EventEnvelope<ReportReceipt> receipt) {
        commands.send(receipt).block();
    }

    /** Every frame published on {@code channel} from now on. */
    private List<JsonNode> listen(String channel) {
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        DeliverySubscriber.Subscription subscription =
                subscriber.subscribe(channel).block();
        listening.add(subscription::close);
        listening.add(subscription
                .messages()
                .map(Delivery::decode)
                .subscribe(delivery -> frames.add(JSON.readTree(delivery.frame()))));
        return frames;
    }

    private JsonNode frame(String by, long delivered, long read) {
        return JSON.readTree("{\"type\":\"receipt\",\"conversationId\":\"" + conversation + "\",\"by\":\"" + by
                + "\",\"delivered\":" + delivered + ",\"read\":" + read + "}");
    }

    private Receipts.Both marks() {
        return receipts.of(tenant, conversation).block();
    }
}
