package dev.parley.routing;

import static org.awaitility.Awaitility.await;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.ConversationClosed;
import dev.parley.contracts.chat.ConversationRequested;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.presence.AgentPresenceChanged;
import dev.parley.contracts.routing.AcceptConversation;
import dev.parley.contracts.routing.DeclineConversation;
import dev.parley.contracts.routing.TransferConversation;
import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.platform.delivery.DeliverySubscriber;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.testing.ServiceIT;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Routing against real Postgres, Kafka and Redis, driven as the other services drive it: records
 * on its topics, outputs observed on Kafka and on the Redis channels the gateway would follow.
 * Every IT of this module shares this one configuration, so they share one application context
 * (a second context would join the same consumer group with other settings).
 */
@SpringBootTest(
        classes = RoutingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=parley-platform,routing-service",
            "spring.application.name=routing-service",
            // Short enough to test timeouts in seconds, long enough for an agent to answer on a busy machine.
            "parley.routing.offer.accept-timeout=3s",
            "parley.routing.presence.timeout=4s"
        })
abstract class RoutingIT extends ServiceIT.WithInfrastructure {

    static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration PRESENCE_TIMEOUT = Duration.ofSeconds(4);

    private static final String GATEWAY = "/parley/gateway-service";
    private static final String SESSION = "/parley/session-service";

    /** Heartbeats of the agents tests keep online, every second as a gateway would (every ~10 s). */
    private static final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();

    private static final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "routing-test-heartbeats");
        thread.setDaemon(true);
        return thread;
    });

    static {
        heart.scheduleAtFixedRate(
                () -> heartbeats.values().forEach(beat -> KafkaWire.shared().sendAsync(beat.event())),
                1,
                1,
                TimeUnit.SECONDS);
    }

    @Autowired
    DeliverySubscriber subscriber;

    @Autowired
    TenantDirectory directory;

    @Autowired
    DatabaseClient db;

    @Autowired
    TenantTransactions transactions;

    /** Set once the context is up: its KafkaAdmin creates the topics before the recorder subscribes to them. */
    KafkaWire kafka;

    private final List<FrameRecorder> recorders = new ArrayList<>();

    @Override
    protected String serviceName() {
        return RoutingApplication.NAME;
    }

    @BeforeEach
    void connectKafka() {
        kafka = KafkaWire.shared();
    }

    @AfterEach
    void stopListeningAndBeating() {
        recorders.forEach(FrameRecorder::close);
        recorders.clear();
        heartbeats.clear();
    }

    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25));
    }

    // --- the tenant

    void publish(TestTenant tenant) {
        kafka.send(EventEnvelope.of(
                EventTypes.TENANT_UPDATED,
                "/parley/tenant-service",
                tenant.id,
                tenant.id.toString(),
                tenant.snapshot()));
        eventually().until(() -> directory.tenant(tenant.id).isPresent());
    }

    // --- what the gateway and session-service send

    EventEnvelope<ConversationRequested> request(
            TestTenant tenant, UUID conversationId, UUID departmentId, String name) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("name", name);
        answers.put("order", "A-" + Math.abs(conversationId.hashCode() % 1000));
        var event = EventEnvelope.of(
                EventTypes.CONVERSATION_REQUESTED,
                SESSION,
                tenant.id,
                conversationId.toString(),
                new ConversationRequested(
                        conversationId,
                        UUID.randomUUID(),
                        tenant.siteId,
                        departmentId,
                        answers,
                        "https://shop.example/checkout",
                        Instant.now()));
        kafka.send(event);
        return event;
    }

    void close(TestTenant tenant, UUID conversationId) {
        kafka.send(EventEnvelope.of(
                EventTypes.CONVERSATION_CLOSED,
                SESSION,
                tenant.id,
                conversationId.toString(),
                new ConversationClosed(
                        conversationId,
                        ParticipantKind.VISITOR,
                        null,
                        ConversationClosed.Reason.ENDED,
                        Instant.now())));
    }

    /** The agent's console connects and stays: ONLINE now, then a heartbeat every second until the test ends. */
    void online(TestTenant tenant, UUID agentId) {
        beat(tenant, agentId, "socket-" + agentId, AgentPresenceChanged.Status.ONLINE);
    }

    /** One connection reports {@code status} now and keeps repeating it every second. */
    void beat(TestTenant tenant, UUID agentId, String connectionId, AgentPresenceChanged.Status status) {
        var beat = new Heartbeat(tenant.id, agentId, connectionId, status);
        kafka.send(beat.event());
        heartbeats.put(agentId + "/" + connectionId, beat);
    }

    /** One presence report of one connection, with no heartbeat after it (OFFLINE: the socket closed). */
    void presence(TestTenant tenant, UUID agentId, String connectionId, AgentPresenceChanged.Status status) {
        heartbeats.remove(agentId + "/" + connectionId);
        kafka.send(new Heartbeat(tenant.id, agentId, connectionId, status).event());
    }

    /** The agent's kept-online socket closes. */
    void offline(TestTenant tenant, UUID agentId) {
        presence(tenant, agentId, "socket-" + agentId, AgentPresenceChanged.Status.OFFLINE);
    }

    EventEnvelope<AcceptConversation> accept(UUID tenantId, UUID agentId, UUID conversationId) {
        var command = EventEnvelope.of(
                EventTypes.ACCEPT_CONVERSATION,
                GATEWAY,
                tenantId,
                tenantId.toString(),
                new AcceptConversation(conversationId, agentId, Instant.now()));
        kafka.send(command);
        return command;
    }

    void decline(UUID tenantId, UUID agentId, UUID conversationId) {
        kafka.send(EventEnvelope.of(
                EventTypes.DECLINE_CONVERSATION,
                GATEWAY,
                tenantId,
                tenantId.toString(),
                new DeclineConversation(conversationId, agentId, Instant.now())));
    }

    void transfer(
            UUID tenantId, UUID byAgent, UUID conversationId, @Nullable UUID toAgent, @Nullable UUID toDepartment) {
        kafka.send(EventEnvelope.of(
                EventTypes.TRANSFER_CONVERSATION,
                GATEWAY,
                tenantId,
                tenantId.toString(),
                new TransferConversation(conversationId, byAgent, toAgent, toDepartment, Instant.now())));
    }

    // --- what the gateway would hear

    FrameRecorder listen(String channel) {
        var recorder = new FrameRecorder(subscriber, channel);
        recorders.add(recorder);
        return recorder;
    }

    FrameRecorder agentChannel(TestTenant tenant, UUID agentId) {
        return listen(DeliveryChannels.agent(tenant.id, agentId));
    }

    FrameRecorder visitorChannel(TestTenant tenant, UUID conversationId) {
        return listen(DeliveryChannels.conversation(tenant.id, conversationId));
    }

    FrameRecorder queueChannel(TestTenant tenant, UUID departmentId) {
        return listen(DeliveryChannels.queue(tenant.id, departmentId));
    }

    // --- the database, as the tenant sees it

    <T> List<T> query(TestTenant tenant, String sql, Function<Readable, T> mapping) {
        return transactions
                .inTenant(tenant.id, () -> db.sql(sql).map(mapping::apply).all().collectList())
                .block(Duration.ofSeconds(10));
    }

    long count(TestTenant tenant, String sql) {
        return query(tenant, sql, row -> row.get(0, Long.class)).getFirst();
    }

    int activeChats(TestTenant tenant, UUID agentId) {
        List<Integer> active = query(
                tenant,
                "select active_chats from agent where id = '" + agentId + "'",
                row -> row.get(0, Integer.class));
        return active.isEmpty() ? 0 : active.getFirst();
    }

    /** Conversations waiting in the department, in service order. */
    List<UUID> queued(TestTenant tenant, UUID departmentId) {
        return query(
                tenant,
                "select conversation_id from queue_entry where department_id = '" + departmentId
                        + "' order by priority desc, enqueued_at, conversation_id",
                row -> row.get(0, UUID.class));
    }

    Set<UUID> offeredTo(TestTenant tenant, UUID agentId) {
        return Set.copyOf(query(
                tenant,
                "select conversation_id from offer where agent_id = '" + agentId + "'",
                row -> row.get(0, UUID.class)));
    }

    private record Heartbeat(UUID tenantId, UUID agentId, String connectionId, AgentPresenceChanged.Status status) {
        EventEnvelope<AgentPresenceChanged> event() {
            return EventEnvelope.of(
                    EventTypes.AGENT_PRESENCE_CHANGED,
                    GATEWAY,
                    tenantId,
                    tenantId.toString(),
                    new AgentPresenceChanged(agentId, connectionId, status, Instant.now()));
        }
    }
}
