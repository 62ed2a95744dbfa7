package dev.parley.routing.decision.messaging;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.UnknownEventTypeException;
import dev.parley.platform.messaging.EventRecords;
import dev.parley.platform.messaging.PerKeyOrder;
import dev.parley.routing.decision.Decision;
import dev.parley.routing.decision.Decisions;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where routing's Kafka listeners hand their records: decodes each, skips types this service does
 * not know, and applies the rest as one decision each, at most once per event.
 *
 * <p>A listener that returns a {@code Mono} is not awaited by spring-kafka: the records of a poll
 * are all dispatched at once. Routing needs each partition's order (a connection's OFFLINE after
 * its ONLINE, a conversation's close after its request), so the work of a record starts only when
 * the work of the partition's previous record has finished. Partitions still run side by side.
 */
@Component
public final class EventInbox {

    private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

    private final Decisions decisions;
    private final PerKeyOrder partitions = new PerKeyOrder();

    public EventInbox(Decisions decisions) {
        this.decisions = decisions;
    }

    /** What a listener does with an event's data. */
    @FunctionalInterface
    public interface Handler {

        /** The decision {@code data} calls for; empty for a type this consumer does not handle. */
        Optional<Function<Decision, Mono<Void>>> decisionFor(Object data);
    }

    /**
     * Applies {@code record} in its partition's order. A record that cannot be read fails the
     * returned Mono, and the container's error handler parks it on the dead-letter topic.
     *
     * @param consumer the name its applied events are recorded under
     */
    public Mono<Void> receive(ConsumerRecord<String, byte[]> record, String consumer, Handler handler) {
        return partitions.run(record.topic() + "-" + record.partition(), () -> apply(record, consumer, handler));
    }

    private Mono<Void> apply(ConsumerRecord<String, byte[]> record, String consumer, Handler handler) {
        if (record.value() == null) {
            return Mono.empty(); // a tombstone is not an event
        }
        EventEnvelope<?> event;
        try {
            event = EventRecords.decode(record);
        } catch (UnknownEventTypeException newer) {
            log.debug("Skipping {} on {}: not a type this service knows", newer.typeName(), record.topic());
            return Mono.empty();
        }
        return handler.decisionFor(event.data())
                .map(work -> decisions.onEvent(consumer, event, work).then())
                .orElseGet(Mono::empty);
    }
}
