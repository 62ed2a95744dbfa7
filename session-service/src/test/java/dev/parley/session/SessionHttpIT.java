package dev.parley.session;

import static org.awaitility.Awaitility.await;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.delivery.Delivery;
import dev.parley.platform.delivery.DeliverySubscriber;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.messaging.CommandSender;
import dev.parley.platform.web.Caller;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * session-service with its web server, called as the gateway calls it: the caller in the trusted
 * headers. Tenants, visitors and conversations are made in the database; a tenant's snapshot
 * (agents' names) reaches the service over Kafka as tenant-service would send it.
 */
@SpringBootTest(
        classes = SessionApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,session-service", "spring.application.name=session-service"})
public abstract class SessionHttpIT extends SessionIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected TenantDirectory directory;

    @Autowired
    private CommandSender kafka;

    @Autowired
    private DeliverySubscriber subscriber;

    private final List<Disposable> listening = new ArrayList<>();

    @AfterEach
    void stopListening() {
        listening.forEach(Disposable::dispose);
        listening.clear();
    }

    protected static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25));
    }

    protected WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    protected WebTestClient as(Caller caller) {
        return http().mutate().defaultHeaders(caller::writeTo).build();
    }

    protected static Caller visitorCaller(UUID tenant, UUID visitor) {
        return new Caller(tenant, visitor, Caller.Kind.VISITOR, Set.of(), "");
    }

    protected static Caller agentCaller(UUID tenant, UUID agent) {
        return new Caller(tenant, agent, Caller.Kind.AGENT, Set.of("agent"), "Signed-in name");
    }

    /** A new visitor of the tenant, on a site of their own; the visitor's id. */
    protected UUID visitor(UUID tenant, UUID site) {
        UUID visitor = UUID.randomUUID();
        transactions
                .inTenant(tenant, () -> db.sql(
                                "insert into visitor (tenant_id, id, site_id, token_hash) values ($1, $2, $3, $4)")
                        .bind(0, tenant)
                        .bind(1, visitor)
                        .bind(2, site)
                        .bind(3, UUID.randomUUID().toString().getBytes())
                        .then())
                .block();
        return visitor;
    }

    /** A conversation of {@code visitor} in {@code state}; its id. */
    protected UUID conversationOf(UUID tenant, UUID visitor, String state) {
        UUID conversation = UUID.randomUUID();
        transactions
                .inTenant(tenant, () -> db.sql(
                                "insert into conversation (tenant_id, id, site_id, visitor_id, state)"
                                        + " select tenant_id, $2, site_id, id, $3 from visitor where tenant_id = $1 and id = $4")
                        .bind(0, tenant)
                        .bind(1, conversation)
                        .bind(2, state)
                        .bind(3, visitor)
                        .then())
                .block();
        return conversation;
    }

    /** Rows as the tenant sees them. */
    protected <T> List<T> query(UUID tenant, String sql, Function<Readable, T> mapping) {
        return transactions
                .inTenant(tenant, () -> db.sql(sql).map(mapping::apply).all().collectList())
                .block(Duration.ofSeconds(10));
    }

    /** A change made behind the service's back, as the tenant. */
    protected void execute(UUID tenant, String sql) {
        transactions.inTenant(tenant, () -> db.sql(sql).then()).block(Duration.ofSeconds(10));
    }

    protected long count(UUID tenant, String sql) {
        return query(tenant, sql, row -> row.get(0, Long.class)).getFirst();
    }

    /** Publishes the tenant's snapshot as tenant-service does, and waits until this service has it. */
    protected void publish(TenantUpdated tenant) {
        kafka.send(EventEnvelope.of(
                        EventTypes.TENANT_UPDATED,
                        "/parley/tenant-service",
                        tenant.tenantId(),
                        tenant.tenantId().toString(),
                        tenant))
                .block(Duration.ofSeconds(10));
        eventually().until(() -> directory.tenant(tenant.tenantId()).isPresent());
    }

    protected static TenantUpdated tenantWithAgent(UUID tenant, UUID site, UUID agent, String agentName) {
        return new TenantUpdated(
                tenant,
                1,
                "Test shop " + tenant,
                "team",
                TenantUpdated.Status.ACTIVE,
                List.of(new TenantUpdated.Site(site, "site-" + tenant, "Shop", List.of("https://shop.example"))),
                List.of(),
                List.of(new TenantUpdated.Agent(agent, agentName, List.of("agent"), List.of(), 3)),
                Instant.now());
    }

    /**
     * The frames published to {@code channel} from now on, as a gateway node subscribed to it
     * gets them: subscribed (confirmed by Redis) before this returns, so nothing after is missed.
     */
    protected List<JsonNode> listen(String channel) {
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        var subscription = subscriber.subscribe(channel).block(Duration.ofSeconds(10));
        listening.add(subscription
                .messages()
                .subscribe(payload ->
                        frames.add(json.readTree(Delivery.decode(payload).frame()))));
        return frames;
    }
}
