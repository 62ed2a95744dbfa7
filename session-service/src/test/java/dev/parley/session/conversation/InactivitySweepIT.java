package dev.parley.session.conversation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.contracts.CloudEventHeaders;
import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.Topics;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.session.SessionIT;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Chats nobody wrote in for the inactivity timeout are closed; fresh ones and queued ones are not. */
@TestPropertySource(
        properties = {
            "parley.session.inactivity-timeout=10m",
            // The test runs the sweep itself.
            "parley.session.inactivity-sweep-interval=1h"
        })
class InactivitySweepIT extends SessionIT {

    @Autowired
    InactivitySweep sweep;

    @Autowired
    dev.parley.platform.messaging.CommandSender commands;

    @Autowired
    dev.parley.platform.directory.TenantDirectory directory;

    @Test
    void closesAssignedChatsSilentLongerThanTheTimeoutOnly() {
        UUID tenant = UUID.randomUUID();
        Instant longAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        UUID stale = conversation(tenant, "ACTIVE", longAgo, null);
        UUID fresh = conversation(tenant, "ACTIVE", Instant.now(), null);
        UUID waiting = conversation(tenant, "QUEUED", longAgo, null);

        sweep.sweep().block();

        assertThat(state(tenant, stale)).isEqualTo("CLOSED INACTIVE");
        assertThat(state(tenant, fresh)).isEqualTo("ACTIVE null");
        assertThat(state(tenant, waiting))
                .as("a visitor still waiting is not 'inactive'")
                .isEqualTo("QUEUED null");
        // Announced on Kafka, not counted in the outbox: any relay of this JVM's contexts may have
        // published and deleted the row already.
        assertThat(closedEventsOn(stale)).isEqualTo(1);
    }

    @Test
    void aTenantsOwnAutoCloseTimeWinsOverTheConfiguredOne() {
        UUID quick = UUID.randomUUID(); // 5 minutes
        UUID patient = UUID.randomUUID(); // an hour
        UUID unset = UUID.randomUUID(); // the configured 10 minutes
        publishTenant(quick, 5);
        publishTenant(patient, 60);
        Instant sevenMinutesAgo = Instant.now().minus(7, ChronoUnit.MINUTES);
        Instant halfAnHourAgo = Instant.now().minus(30, ChronoUnit.MINUTES);
        UUID quickStale = conversation(quick, "ACTIVE", sevenMinutesAgo, null);
        UUID patientQuiet = conversation(patient, "ACTIVE", halfAnHourAgo, null);
        UUID unsetQuiet = conversation(unset, "ASSIGNED", sevenMinutesAgo, null);
        UUID unsetStale = conversation(unset, "ASSIGNED", halfAnHourAgo, null);

        sweep.sweep().block();

        assertThat(state(quick, quickStale)).isEqualTo("CLOSED INACTIVE");
        assertThat(state(patient, patientQuiet))
                .as("longer than the default, shorter than its own")
                .isEqualTo("ACTIVE null");
        assertThat(state(unset, unsetQuiet)).isEqualTo("ASSIGNED null");
        assertThat(state(unset, unsetStale)).isEqualTo("CLOSED INACTIVE");
    }

    private void publishTenant(UUID tenantId, int autoCloseMinutes) {
        var snapshot = new TenantUpdated(
                tenantId,
                1,
                "Auto-close",
                "team",
                TenantUpdated.Status.ACTIVE,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new TenantUpdated.ChatRules(null, null, autoCloseMinutes),
                Instant.now());
        commands.send(EventEnvelope.of(
                        EventTypes.TENANT_UPDATED, "/parley/tenant-service", tenantId, tenantId.toString(), snapshot))
                .block();
        assertThat(directory.awaitTenant(tenantId, Duration.ofSeconds(30)).block())
                .as("the directory knows the tenant")
                .isNotNull();
    }

    @Test
    void neverClosesAnInternalChatHoweverQuiet() {
        UUID tenant = UUID.randomUUID();
        UUID chat = UUID.randomUUID();
        transactions
                .inTenant(tenant, () -> db.sql("insert into conversation (tenant_id, id, kind, department_id, state,"
                                + " last_activity_at) values ($1, $2, 'TEAM', $3, 'ACTIVE', $4)")
                        .bind(0, tenant)
                        .bind(1, chat)
                        .bind(2, UUID.randomUUID())
                        .bind(3, Instant.now().minus(30, ChronoUnit.DAYS))
                        .then())
                .block();

        sweep.sweep().block();

        assertThat(state(tenant, chat)).isEqualTo("ACTIVE null");
    }

    /** How many chat.conversation.closed.v1 records chat.events.v1 holds for the conversation, once there is one. */
    private static long closedEventsOn(UUID conversation) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "inactivity-sweep-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<ConsumerRecord<String, byte[]>> closed = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CHAT_EVENTS));
            await().atMost(Duration.ofSeconds(20)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    if (conversation.toString().equals(record.key())
                            && type != null
                            && EventTypes.CONVERSATION_CLOSED.name().equals(new String(type.value(), UTF_8))) {
                        closed.add(record);
                    }
                }
                return !closed.isEmpty();
            });
        }
        return closed.size();
    }

    private String state(UUID tenant, UUID conversation) {
        return transactions
                .inTenant(tenant, () -> db.sql(
                                "select state, close_reason from conversation where tenant_id = $1 and id = $2")
                        .bind(0, tenant)
                        .bind(1, conversation)
                        .map(row -> row.get("state", String.class) + " " + row.get("close_reason", String.class))
                        .one())
                .block();
    }
}
