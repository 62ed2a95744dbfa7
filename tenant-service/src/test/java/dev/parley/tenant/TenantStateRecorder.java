package dev.parley.tenant;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.Topics;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.platform.messaging.EventRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code tenant.state.v1} from its beginning on a thread of its own, as the other services'
 * tenant directories do (all partitions, no consumer group), and keeps the records of one tenant.
 */
final class TenantStateRecorder implements AutoCloseable {

    /** A record as it arrived: key, envelope (headers) and the snapshot. */
    record Received(String key, EventEnvelope<?> envelope, TenantUpdated snapshot) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Thread thread;

    TenantStateRecorder(UUID tenantId) {
        var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        EmbeddedInfrastructure.shared().kafkaBootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        thread = Thread.ofPlatform().name("tenant-state-recorder").daemon().start(() -> {
            try (consumer) {
                List<TopicPartition> partitions =
                        consumer.partitionsFor(Topics.TENANT_STATE, Duration.ofSeconds(30)).stream()
                                .map(info -> new TopicPartition(info.topic(), info.partition()))
                                .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (open.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        if (record.value() != null && record.key().equals(tenantId.toString())) {
                            EventEnvelope<?> envelope = EventRecords.decode(record);
                            received.add(new Received(record.key(), envelope, (TenantUpdated) envelope.data()));
                        }
                    }
                }
            }
        });
    }

    /** The first snapshot that matches, once it arrived. */
    Received await(Predicate<TenantUpdated> matching) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> received.stream()
                                .filter(r -> matching.test(r.snapshot()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws InterruptedException {
        open.set(false);
        thread.join(Duration.ofSeconds(5));
    }
}
