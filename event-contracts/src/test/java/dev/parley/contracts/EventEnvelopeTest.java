package dev.parley.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.parley.contracts.presence.AgentPresenceChanged;
import dev.parley.contracts.presence.AgentPresenceChanged.Status;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    private static final UUID TENANT = UUID.fromString("5b0e8a7c-3f1d-4c2a-9e57-0d4f6b1a2c3e");
    private static final UUID AGENT = UUID.fromString("6b8d0f2a-7c9e-4a1b-9d3f-5a7c9e1b3d5f");
    private static final Instant AT = Instant.parse("2025-03-14T08:59:30.123456Z");

    private final AgentPresenceChanged online = new AgentPresenceChanged(AGENT, "gw-1:ws-1", Status.ONLINE, AT);

    @Test
    void mapsItsAttributesToCloudEventsHeaders() {
        var envelope = EventEnvelope.of(
                EventTypes.AGENT_PRESENCE_CHANGED, "/parley/routing-service", AT, TENANT, TENANT.toString(), online);

        assertThat(envelope.headers())
                .containsExactly(
                        entry("ce_specversion", "1.0"),
                        entry("ce_id", envelope.id().toString()),
                        entry("ce_type", "presence.agent.changed.v1"),
                        entry("ce_source", "/parley/routing-service"),
                        entry("ce_time", "2025-03-14T08:59:30.123456Z"),
                        entry("ce_tenantid", TENANT.toString()),
                        entry("content-type", "application/json"));
    }

    @Test
    void givesEachNewEventItsOwnId() {
        var first = EventEnvelope.of(EventTypes.AGENT_PRESENCE_CHANGED, "/r", TENANT, "k", online);
        var second = EventEnvelope.of(EventTypes.AGENT_PRESENCE_CHANGED, "/r", TENANT, "k", online);

        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void roundTripsThroughAKafkaRecord() {
        var sent = EventEnvelope.of(
                EventTypes.AGENT_PRESENCE_CHANGED, "/parley/routing-service", TENANT, TENANT.toString(), online);

        var received = EventEnvelope.fromRecord(
                sent.headers(), sent.key(), EventCodec.standard().encode(sent));

        assertThat(received).isEqualTo(sent);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void refusesDataOfAnotherType() {
        EventType raw = EventTypes.MESSAGE_POSTED;

        assertThatThrownBy(() -> EventEnvelope.of(raw, "/r", TENANT, "k", online))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chat.message.posted.v1");
    }
}
