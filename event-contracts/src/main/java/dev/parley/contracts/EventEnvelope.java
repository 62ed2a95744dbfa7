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

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event as it travels on Kafka, following the CloudEvents 1.0 Kafka binding in binary mode: the
 * attributes go to {@link #headers()}, {@code data} is the JSON body (see {@link EventCodec}) and {@code key}
 * is the Kafka record key.
 *
 * @param id unique per event; consumers de-duplicate on it, so a retried send keeps the same id
 * @param type the event type name, e.g. {@code chat.message.posted.v1}
 * @param source the producing service as a URI reference, e.g. {@code /parley/session-service}
 * @param time when the fact happened, not when it was sent (the outbox may send it later)
 * @param tenantId every event belongs to one tenant; a header so that a consumer can filter without the body
 * @param key the Kafka record key: it decides the partition and so the order readers see
 */
public record EventEnvelope<T>(UUID id, String type, String source, Instant time, UUID tenantId, String key, T data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
    }

    /** A new event of {@code type} that happened now, with a fresh id. */
    public static <T> EventEnvelope<T> of(EventType<T> type, String source, UUID tenantId, String key, T data) {
        return of(type, source, Instant.now(), tenantId, key, data);
    }

    /** A new event of {@code type} that happened at {@code time} (from the caller's clock), with a fresh id. */
    public static <T> EventEnvelope<T> of(
            EventType<T> type, String source, Instant time, UUID tenantId, String key, T data) {
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(type.name() + " carries "
                    + type.dataClass().getName() + ", not " + data.getClass().getName());
        }
        return new EventEnvelope<>(UUID.randomUUID(), type.name(), source, time, tenantId, key, data);
    }

    /**
     * Rebuilds an envelope from a Kafka record's headers, key and value with the {@linkplain
     * EventCodec#standard() standard codec}.
     *
     * @throws UnknownEventTypeException if {@code ce_type} is not a registered type
     * @throws MalformedEventException if a header or the body cannot be read
     */
    public static EventEnvelope<?> fromRecord(Map<String, String> headers, @Nullable String key, byte[] body) {
        return EventCodec.standard().decode(headers, key, body);
    }

    /** The record headers: the CloudEvents attributes as {@code ce_*} plus {@code content-type}. */
    public Map<String, String> headers() {
        var headers = new LinkedHashMap<String, String>();
        headers.put(SPEC_VERSION, SPEC_VERSION_1_0);
        headers.put(ID, id.toString());
        headers.put(TYPE, type);
        headers.put(SOURCE, source);
        // Instant#toString is ISO-8601 in UTC with a 'Z', which is valid RFC 3339.
        headers.put(TIME, time.toString());
        headers.put(TENANT_ID, tenantId.toString());
        headers.put(CONTENT_TYPE, APPLICATION_JSON);
        return Collections.unmodifiableMap(headers);
    }
}
