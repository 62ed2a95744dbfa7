package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.presence.AgentPresenceChanged;
import dev.parley.platform.consumer.IdempotentConsumer;
import dev.parley.platform.tenant.TenantTransactions;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** A redelivered event is recognised and its effect is not applied twice. */
class IdempotentConsumerIT extends PlatformIT {

    @Autowired
    IdempotentConsumer consumer;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    DatabaseClient db;

    @Test
    void aRedeliveredEventIsIgnored() {
        EventEnvelope<AgentPresenceChanged> event = presenceEvent();

        Boolean first = consumer.apply("notes", event, () -> noteAbout(event)).block();
        Boolean redelivered =
                consumer.apply("notes", event, () -> noteAbout(event)).block();

        assertThat(first).isTrue();
        assertThat(redelivered).isFalse();
        assertThat(notesAbout(event)).isEqualTo(1);
    }

    @Test
    void eachConsumerAppliesTheEventOnceForItself() {
        EventEnvelope<AgentPresenceChanged> event = presenceEvent();

        consumer.apply("notes", event, () -> noteAbout(event)).block();
        Boolean other = consumer.apply("audit", event, () -> noteAbout(event)).block();

        assertThat(other).isTrue();
        assertThat(notesAbout(event)).isEqualTo(2);
    }

    @Test
    void aFailedEffectLeavesNoMarkSoTheRedeliveryAppliesIt() {
        EventEnvelope<AgentPresenceChanged> event = presenceEvent();

        Mono<Boolean> failing = consumer.apply(
                "notes", event, () -> noteAbout(event).then(Mono.error(new IllegalStateException("boom"))));
        assertThatThrownBy(failing::block).hasMessageContaining("boom");
        assertThat(notesAbout(event)).isZero();

        Boolean retried = consumer.apply("notes", event, () -> noteAbout(event)).block();
        assertThat(retried).isTrue();
        assertThat(notesAbout(event)).isEqualTo(1);
    }

    private static EventEnvelope<AgentPresenceChanged> presenceEvent() {
        UUID tenant = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        var data =
                new AgentPresenceChanged(agent, "test-connection", AgentPresenceChanged.Status.ONLINE, Instant.now());
        return EventEnvelope.of(EventTypes.AGENT_PRESENCE_CHANGED, "/parley/test", tenant, tenant.toString(), data);
    }

    /** The consumer's effect: a note in the event's tenant, inside the consumer's transaction. */
    private Mono<Void> noteAbout(EventEnvelope<?> event) {
        return db.sql("insert into note (tenant_id, id, body) values ($1, $2, $3)")
                .bind(0, event.tenantId())
                .bind(1, UUID.randomUUID())
                .bind(2, event.id().toString())
                .then();
    }

    private long notesAbout(EventEnvelope<?> event) {
        return transactions
                .inTenant(event.tenantId(), () -> db.sql("select count(*) from note where body = $1")
                        .bind(0, event.id().toString())
                        .map(row -> row.get(0, Long.class))
                        .one())
                .block();
    }
}
