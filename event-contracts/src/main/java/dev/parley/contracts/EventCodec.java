package dev.parley.contracts;

import static dev.parley.contracts.CloudEventHeaders.APPLICATION_JSON;
import static dev.parley.contracts.CloudEventHeaders.CONTENT_TYPE;
import static dev.parley.contracts.CloudEventHeaders.ID;
import static dev.parley.contracts.CloudEventHeaders.SOURCE;
import static dev.parley.contracts.CloudEventHeaders.SPEC_VERSION;
import static dev.parley.contracts.CloudEventHeaders.SPEC_VERSION_1_0;
import static dev.parley.contracts.CloudEventHeaders.TENANT_ID;
import static dev.parley.contracts.CloudEventHeaders.TIME;
import static dev.parley.contracts.CloudEventHeaders.TYPE;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an event's data as the JSON body of a Kafka record and reads records back into envelopes. It has
 * its own {@link JsonMapper} rather than a service's, so that every producer writes, and every consumer
 * reads, the same JSON whatever the service configures for its web layer. Thread-safe.
 */
public final class EventCodec {

    private static final EventCodec STANDARD = new EventCodec();

    private final JsonMapper mapper = JsonMapper.builder()
            // Tolerant reader: a newer writer may add optional fields this reader does not know yet.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // ...and enum values: they read as the enum's UNKNOWN constant instead of failing the event.
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            // ISO-8601 strings, readable in any tool and by any language, unlike epoch numbers.
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // An absent optional field and a null one mean the same; omitting it keeps bodies small.
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    /** The codec every service uses; one is enough as it holds no state besides its mapper. */
    public static EventCodec standard() {
        return STANDARD;
    }

    /**
     * The record value: the envelope's data as JSON. The rest of the envelope goes to {@link
     * EventEnvelope#headers()} and the record key.
     *
     * @throws IllegalArgumentException if the envelope's type is not registered or its data is not that
     *     type's record, so that a mismatch fails in the producer rather than in every consumer
     */
    public byte[] encode(EventEnvelope<?> envelope) {
        var type = EventTypes.find(envelope.type())
                .orElseThrow(
                        () -> new IllegalArgumentException("Event type '" + envelope.type() + "' is not registered"));
        if (!type.dataClass().isInstance(envelope.data())) {
            throw new IllegalArgumentException(
                    type.name() + " carries " + type.dataClass().getName() + ", not "
                            + envelope.data().getClass().getName());
        }
        return mapper.writeValueAsBytes(envelope.data());
    }

    /**
     * Rebuilds the envelope of a Kafka record; the data's class comes from {@code ce_type}. Headers other
     * than the envelope's (tracing, for example) are ignored.
     *
     * @param key the record key; null only for a broken producer, since every topic is keyed
     * @param body the record value; tombstones on compacted topics have none and are not events, so check for
     *     them before decoding
     * @throws UnknownEventTypeException if {@code ce_type} names no registered type
     * @throws MalformedEventException if a header is missing or invalid, the key is missing, or the body does
     *     not bind to the type's record
     */
    public EventEnvelope<?> decode(Map<String, String> headers, @Nullable String key, byte[] body) {
        Objects.requireNonNull(body, "body: a tombstone is not an event");
        var specVersion = required(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MalformedEventException("Unsupported CloudEvents spec version '" + specVersion + "'");
        }
        var type = EventTypes.require(required(headers, TYPE));
        var contentType = headers.get(CONTENT_TYPE);
        // datacontenttype is optional in CloudEvents; when it is there it has to be ours.
        if (contentType != null && !isJson(contentType)) {
            throw new MalformedEventException(
                    "Event " + type.name() + " has content-type '" + contentType + "', expected " + APPLICATION_JSON);
        }
        if (key == null) {
            throw new MalformedEventException("Event " + type.name() + " has no record key");
        }
        return envelope(type, headers, key, body);
    }

    private <T> EventEnvelope<T> envelope(EventType<T> type, Map<String, String> headers, String key, byte[] body) {
        var id = uuid(headers, ID);
        var source = required(headers, SOURCE);
        var time = time(headers);
        var tenantId = uuid(headers, TENANT_ID);
        T data;
        try {
            data = mapper.readValue(body, type.dataClass());
        } catch (JacksonException e) {
            throw new MalformedEventException(
                    "Body of " + type.name() + " event " + id + " does not bind to "
                            + type.dataClass().getSimpleName() + ": " + e.getOriginalMessage(),
                    e);
        }
        if (data == null) {
            throw new MalformedEventException("Body of " + type.name() + " event " + id + " is JSON null");
        }
        return new EventEnvelope<>(id, type.name(), source, time, tenantId, key, data);
    }

    private static boolean isJson(String contentType) {
        // Media types are case-insensitive and may carry parameters such as "; charset=utf-8".
        var mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals(APPLICATION_JSON);
    }

    private static String required(Map<String, String> headers, String name) {
        var value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("Missing header " + name);
        }
        return value;
    }

    private static UUID uuid(Map<String, String> headers, String name) {
        var value = required(headers, name);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("Header " + name + " is not a UUID: '" + value + "'", e);
        }
    }

    private static Instant time(Map<String, String> headers) {
        var value = required(headers, TIME);
        try {
            // RFC 3339 allows any offset, not only 'Z'; other producers may send local offsets.
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("Header " + TIME + " is not an RFC 3339 time: '" + value + "'", e);
        }
    }
}
