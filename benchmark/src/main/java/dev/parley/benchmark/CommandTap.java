package dev.parley.benchmark;

import dev.parley.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer of {@code chat.commands.v1} in its own group, as session-service's would be: for
 * every benchmark message it notes when the gateway received the frame (the command's {@code
 * sentAt}) and when the command became readable from Kafka here. With session-service's {@code
 * postedAt} that splits the path into client → gateway, gateway → Kafka → consumer, consumer →
 * stored, stored → agent. One more consumer on the broker: about 5% of the JVM's CPU, none with
 * {@code --no-hops}.
 */
final class CommandTap implements AutoCloseable {

    /** When the gateway received the frame (epoch µs) and when this consumer read it ({@link System#nanoTime}). */
    record Seen(long sentAtEpochMicros, long readNanos) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final AtomicBoolean assigned = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;

    CommandTap(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Kafka names the group's heartbeat thread after it: "… | bench-tap-…" counts as the client's (CpuMeter).
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-tap-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(config);
        this.thread = Thread.ofPlatform().daemon().name("bench-command-tap").start(this::poll);
    }

    private void poll() {
        try {
            consumer.subscribe(List.of(Topics.CHAT_COMMANDS));
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                if (!consumer.assignment().isEmpty()) {
                    assigned.set(true);
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    note(record.value(), now);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void note(byte @Nullable [] value, long readNanos) {
        if (value == null) {
            return;
        }
        try {
            JsonNode command = JSON.readTree(value);
            JsonNode data = command.has("clientMessageId") ? command : command.path("data");
            String tag = data.path("clientMessageId").asString("");
            if (tag.startsWith("c")) {
                seen.put(tag, new Seen(epochMicros(data.path("sentAt").asString("")), readNanos));
            }
        } catch (JacksonException e) {
            // not a message command
        }
    }

    /** Waits (a little) until the consumer has its partitions, so the first messages are seen. */
    void awaitAssignment(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!assigned.get() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000L);
        }
    }

    /** What the tap saw of a message, once; null when it saw nothing. */
    @Nullable
    Seen take(String tag) {
        return seen.remove(tag);
    }

    /** Messages seen in Kafka and not yet {@link #take taken}: sent, accepted by the gateway, not (yet) received. */
    int pending() {
        return seen.size();
    }

    private static long epochMicros(String instant) {
        try {
            Instant parsed = Instant.parse(instant);
            return parsed.getEpochSecond() * 1_000_000 + parsed.getNano() / 1_000;
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
