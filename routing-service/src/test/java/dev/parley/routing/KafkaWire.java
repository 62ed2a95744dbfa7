package dev.parley.routing;

import dev.parley.contracts.CloudEventHeaders;
import dev.parley.contracts.EventCodec;
import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventType;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.Topics;
import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.platform.messaging.EventRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's own Kafka clients, as other services would be: a plain producer of real records
 * (CloudEvents headers, the contracts' codec) and a consumer recording what routing publishes.
 * One per test JVM; tests tell their records apart by tenant.
 */
final class KafkaWire {

    private static KafkaWire shared;

    private final KafkaProducer<String, byte[]> producer;
    private final List<ConsumerRecord<String, byte[]>> published = new CopyOnWriteArrayList<>();

    private KafkaWire() {
        String servers = EmbeddedInfrastructure.shared().kafkaBootstrapServers();
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        0),
                new StringSerializer(),
                new ByteArraySerializer());
        var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "routing-test-recorder-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.ROUTING_EVENTS, Topics.CHAT_EVENTS));
        Thread.ofPlatform().daemon().name("routing-test-recorder").start(() -> {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    published.add(record);
                }
            }
        });
    }

    static synchronized KafkaWire shared() {
        if (shared == null) {
            shared = new KafkaWire();
        }
        return shared;
    }

    /** Sends {@code event} as another service would, and waits for Kafka's acknowledgement. */
    void send(EventEnvelope<?> event) {
        String topic = EventTypes.require(event.type()).topic();
        var record = new ProducerRecord<String, byte[]>(
                topic, event.key(), EventCodec.standard().encode(event));
        event.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not send " + event.type(), e);
        }
    }

    /** Sends without waiting: for many records at once. */
    void sendAsync(EventEnvelope<?> event) {
        String topic = EventTypes.require(event.type()).topic();
        var record = new ProducerRecord<String, byte[]>(
                topic, event.key(), EventCodec.standard().encode(event));
        event.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    /** Every record of {@code type} for {@code tenant} seen so far, oldest first. */
    List<ConsumerRecord<String, byte[]>> records(UUID tenant, EventType<?> type) {
        return published.stream()
                .filter(record -> tenant.toString().equals(header(record, CloudEventHeaders.TENANT_ID)))
                .filter(record -> type.name().equals(header(record, CloudEventHeaders.TYPE)))
                .toList();
    }

    /** The data of every event of {@code type} for {@code tenant} seen so far, oldest first. */
    <T> List<T> events(UUID tenant, EventType<T> type) {
        return records(tenant, type).stream()
                .map(record -> type.dataClass().cast(EventRecords.decode(record).data()))
                .toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
