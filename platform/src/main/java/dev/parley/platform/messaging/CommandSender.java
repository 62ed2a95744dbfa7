package dev.parley.platform.messaging;

import dev.parley.contracts.EventCodec;
import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;

/**
 * Sends a command or event straight to Kafka, for a service with no database to hold an outbox
 * (the gateway). Completes when Kafka acknowledged it (acks=all): the caller may then tell the
 * client its frame was accepted. Services with a database use the outbox instead.
 */
public final class CommandSender {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;

    public CommandSender(KafkaTemplate<String, byte[]> kafka, EventCodec codec) {
        this.kafka = kafka;
        this.codec = codec;
    }

    public Mono<Void> send(EventEnvelope<?> command) {
        return Mono.defer(() -> {
            String topic = EventTypes.require(command.type()).topic();
            var record = new ProducerRecord<String, byte[]>(topic, command.key(), codec.encode(command));
            command.headers()
                    .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            return Mono.fromFuture(() -> kafka.send(record)).then();
        });
    }
}
