package dev.parley.platform.messaging;

import dev.parley.contracts.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads the CloudEvents envelope of a Kafka record that a listener received. */
public final class EventRecords {

    private EventRecords() {}

    /**
     * The envelope of {@code record}. Throws {@code UnknownEventTypeException} for a type this
     * reader does not know (a newer writer's: skip it) and {@code MalformedEventException} for
     * one it cannot read (the error handler parks it on the dead-letter topic).
     */
    public static EventEnvelope<?> decode(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return EventEnvelope.fromRecord(headers, record.key(), record.value());
    }
}
