package dev.parley.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.contracts.chat.MessagePosted;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.ReportReceipt;
import dev.parley.contracts.chat.Visibility;
import dev.parley.contracts.tenant.TenantUpdated;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final UUID TENANT = UUID.fromString("5b0e8a7c-3f1d-4c2a-9e57-0d4f6b1a2c3e");
    private static final UUID CONVERSATION = UUID.fromString("9f3c2d1e-7a6b-4c5d-8e9f-0a1b2c3d4e5f");

    private final EventCodec codec = EventCodec.standard();

    private final EventEnvelope<MessagePosted> whisper = EventEnvelope.of(
            EventTypes.MESSAGE_POSTED,
            "/parley/session-service",
            Instant.parse("2025-03-14T10:00:42.017Z"),
            TENANT,
            CONVERSATION.toString(),
            new MessagePosted(
                    CONVERSATION,
                    UUID.fromString("5f7a9c1e-8d0b-4c2e-a4f6-7b9d1f3a5c7e"),
                    4,
                    null,
                    ParticipantKind.SYSTEM,
                    null,
                    Visibility.AGENTS,
                    "Visitor is on the checkout page",
                    Instant.parse("2025-03-14T10:00:42.017Z")));

    @Test
    void writesInstantsAsIsoStringsAndLeavesAbsentFieldsOut() {
        var json = new String(codec.encode(whisper), UTF_8);

        assertThat(json)
                .contains("\"postedAt\":\"2025-03-14T10:00:42.017Z\"")
                .doesNotContain("clientMessageId")
                .doesNotContain("senderId");
    }

    @Test
    void readsAnEnumValueFromANewerWriterAsUnknown() {
        var body = new String(codec.encode(whisper), UTF_8).replace("\"AGENTS\"", "\"SUPERVISORS\"");

        var decoded = codec.decode(whisper.headers(), whisper.key(), body.getBytes(UTF_8));

        assertThat(((MessagePosted) decoded.data()).visibility()).isEqualTo(Visibility.UNKNOWN);
    }

    @Test
    void acceptsAnyRfc3339OffsetAndAJsonContentTypeWithParameters() {
        var headers = new HashMap<>(whisper.headers());
        headers.put("ce_time", "2025-03-14T11:00:42.017+01:00");
        headers.put("content-type", "Application/JSON; charset=utf-8");

        var decoded = codec.decode(headers, whisper.key(), codec.encode(whisper));

        assertThat(decoded).isEqualTo(whisper);
    }

    @Test
    void failsOnAnUnknownTypeWithItsName() {
        var headers = withHeader("ce_type", "chat.message.edited.v1");

        assertThatThrownBy(() -> codec.decode(headers, whisper.key(), codec.encode(whisper)))
                .isInstanceOfSatisfying(UnknownEventTypeException.class, e -> assertThat(e.typeName())
                        .isEqualTo("chat.message.edited.v1"));
    }

    @Test
    void failsOnAMissingOrInvalidHeader() {
        var body = codec.encode(whisper);
        var withoutTenant = new HashMap<>(whisper.headers());
        withoutTenant.remove("ce_tenantid");

        assertThatThrownBy(() -> codec.decode(withoutTenant, whisper.key(), body))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("ce_tenantid");
        assertThatThrownBy(() -> codec.decode(withHeader("ce_specversion", "0.3"), whisper.key(), body))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode(withHeader("ce_id", "42"), whisper.key(), body))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode(withHeader("ce_time", "yesterday"), whisper.key(), body))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode(withHeader("content-type", "application/avro"), whisper.key(), body))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode(whisper.headers(), null, body))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void failsOnABodyThatDoesNotBindToTheType() {
        var withoutText = new String(codec.encode(whisper), UTF_8).replaceFirst("\"text\":\"[^\"]*\",", "");

        assertThatThrownBy(() -> codec.decode(whisper.headers(), whisper.key(), withoutText.getBytes(UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("chat.message.posted.v1");
        assertThatThrownBy(() -> codec.decode(whisper.headers(), whisper.key(), "not json".getBytes(UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode(whisper.headers(), whisper.key(), "null".getBytes(UTF_8)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aReceiptWithOneMarkLeavesTheOtherOutAndReadsItBackAsAbsent() {
        var readOnly = EventEnvelope.of(
                EventTypes.REPORT_RECEIPT,
                "/parley/gateway-service",
                TENANT,
                CONVERSATION.toString(),
                new ReportReceipt(
                        CONVERSATION,
                        ParticipantKind.AGENT,
                        UUID.fromString("6b8d0f2a-7c9e-4a1b-9d3f-5a7c9e1b3d5f"),
                        null,
                        7L,
                        Instant.parse("2025-03-14T10:01:02.500Z")));

        var body = codec.encode(readOnly);
        var decoded = (ReportReceipt)
                codec.decode(readOnly.headers(), readOnly.key(), body).data();

        assertThat(new String(body, UTF_8)).contains("\"read\":7").doesNotContain("delivered");
        assertThat(decoded.delivered()).isNull();
        assertThat(decoded.read()).isEqualTo(7L);
        assertThat(decoded).isEqualTo(readOnly.data());
    }

    @Test
    void aReceiptWithoutAnyMarkOrWithANegativeOneDoesNotBind() {
        var receipt = EventEnvelope.of(
                EventTypes.REPORT_RECEIPT,
                "/parley/gateway-service",
                TENANT,
                CONVERSATION.toString(),
                new ReportReceipt(CONVERSATION, ParticipantKind.VISITOR, UUID.randomUUID(), 3L, 2L, Instant.now()));
        var json = new String(codec.encode(receipt), UTF_8);
        var noMark = json.replace("\"delivered\":3,", "").replace("\"read\":2,", "");
        var negative = json.replace("\"read\":2", "\"read\":-1");

        assertThatThrownBy(() -> codec.decode(receipt.headers(), receipt.key(), noMark.getBytes(UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode(receipt.headers(), receipt.key(), negative.getBytes(UTF_8)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void readsATenantSnapshotWrittenBeforeMoodTermsAsHavingNone() {
        var snapshot = EventEnvelope.of(
                EventTypes.TENANT_UPDATED,
                "/parley/tenant-service",
                TENANT,
                TENANT.toString(),
                new TenantUpdated(
                        TENANT,
                        3,
                        "Acme",
                        "team",
                        TenantUpdated.Status.ACTIVE,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new TenantUpdated.MoodTerm("late", -2)),
                        Instant.parse("2025-03-14T10:00:42.017Z")));
        var json = new String(codec.encode(snapshot), UTF_8);
        var older = json.replace("\"moodTerms\":[{\"term\":\"late\",\"weight\":-2}],", "");
        assertThat(older).isNotEqualTo(json).doesNotContain("moodTerms");

        var decoded = codec.decode(snapshot.headers(), snapshot.key(), older.getBytes(UTF_8));

        assertThat(((TenantUpdated) decoded.data()).moodTerms()).isEmpty();
        assertThat(((TenantUpdated) codec.decode(snapshot.headers(), snapshot.key(), json.getBytes(UTF_8))
                                .data())
                        .moodTerms())
                .containsExactly(new TenantUpdated.MoodTerm("late", -2));
    }

    @Test
    void readsATenantSnapshotWrittenBeforeFormerAgentsAsHavingNoneAndNamesFormerAgents() {
        UUID anna = UUID.randomUUID();
        UUID robin = UUID.randomUUID();
        var snapshot = EventEnvelope.of(
                EventTypes.TENANT_UPDATED,
                "/parley/tenant-service",
                TENANT,
                TENANT.toString(),
                new TenantUpdated(
                        TENANT,
                        4,
                        "Acme",
                        "team",
                        TenantUpdated.Status.ACTIVE,
                        List.of(),
                        List.of(),
                        List.of(new TenantUpdated.Agent(anna, "Anna", List.of("agent"), List.of(), 3)),
                        List.of(),
                        List.of(new TenantUpdated.FormerAgent(robin, "Robin")),
                        null,
                        Instant.parse("2025-03-14T10:00:42.017Z")));
        var json = new String(codec.encode(snapshot), UTF_8);
        var older = json.replace("\"formerAgents\":[{\"agentId\":\"" + robin + "\",\"displayName\":\"Robin\"}],", "");
        assertThat(older).isNotEqualTo(json).doesNotContain("formerAgents");

        var decoded = (TenantUpdated) codec.decode(snapshot.headers(), snapshot.key(), older.getBytes(UTF_8))
                .data();
        var current = (TenantUpdated) codec.decode(snapshot.headers(), snapshot.key(), json.getBytes(UTF_8))
                .data();

        assertThat(decoded.formerAgents()).isEmpty();
        assertThat(current.nameOf(anna)).contains("Anna");
        assertThat(current.nameOf(robin)).contains("Robin");
        assertThat(current.nameOf(UUID.randomUUID())).isEmpty();
    }

    @Test
    void refusesToEncodeAnUnregisteredType() {
        var unregistered = new EventEnvelope<>(
                UUID.randomUUID(), "chat.message.edited.v1", "/r", Instant.now(), TENANT, "k", whisper.data());

        assertThatThrownBy(() -> codec.encode(unregistered)).isInstanceOf(IllegalArgumentException.class);
    }

    private Map<String, String> withHeader(String name, String value) {
        var headers = new HashMap<>(whisper.headers());
        headers.put(name, value);
        return headers;
    }
}
