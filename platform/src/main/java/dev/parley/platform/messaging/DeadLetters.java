package dev.parley.platform.messaging;

import dev.parley.contracts.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;

/**
 * Parks a record that a batch listener could not process on its topic's dead-letter topic, with
 * the original headers and where it came from, without blocking the thread that found it. The
 * container's error handler does this for record listeners; a batch listener that handles each
 * record's failure itself (so one poison record does not fail its batch) calls this instead.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, byte[]> kafka;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** Completes once the dead-letter topic has the record; a failure to park it is logged, not raised. */
    public Mono<Void> park(ConsumerRecord<String, byte[]> record, Throwable failure) {
        var parked = new ProducerRecord<String, byte[]>(Topics.dlt(record.topic()), record.key(), record.value());
        record.headers().forEach(header -> parked.headers().add(header));
        // The header names DeadLetterPublishingRecoverer uses, so tools reading one read both.
        parked.headers().add("kafka_dlt-original-topic", utf8(record.topic()));
        parked.headers().add("kafka_dlt-original-partition", utf8(Integer.toString(record.partition())));
        parked.headers().add("kafka_dlt-original-offset", utf8(Long.toString(record.offset())));
        parked.headers().add("kafka_dlt-exception-fqcn", utf8(failure.getClass().getName()));
        parked.headers().add("kafka_dlt-exception-message", utf8(String.valueOf(failure.getMessage())));
        log.warn(
                "Parking {}-{}@{} on the dead-letter topic: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                failure.toString());
        return Mono.fromFuture(() -> kafka.send(parked)).then().onErrorResume(notParked -> {
            log.error("Could not park {}-{}@{}", record.topic(), record.partition(), record.offset(), notParked);
            return Mono.empty();
        });
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
