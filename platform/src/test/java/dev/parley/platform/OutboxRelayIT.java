package dev.parley.platform;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.contracts.CloudEventHeaders;
import dev.parley.contracts.Topics;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.outbox.OutboxProperties;
import dev.parley.platform.outbox.OutboxRelay;
import dev.parley.platform.tenant.TenantTransactions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/** Outbox rows reach Kafka once each and in order per key: across a stop, and with two relays. */
@TestPropertySource(properties = "parley.outbox.batch-size=5")
class OutboxRelayIT extends PlatformIT {

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactionalOperator;

    @Autowired
    KafkaTemplate<String, byte[]> eventKafkaTemplate;

    @Autowired
    OutboxProperties properties;

    final List<OutboxRelay> started = new ArrayList<>();

    @AfterEach
    void stopRelays() throws InterruptedException {
        for (OutboxRelay each : started) {
            stop(each);
        }
    }

    @Test
    void everyRowReachesKafkaOnceInOrderWhenTheRelayIsStoppedMidBacklogAndStartedAgain() throws Exception {
        UUID tenant = UUID.randomUUID();
        List<UUID> conversations = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int perConversation = 400;
        write(tenant, conversations, perConversation);
        int total = conversations.size() * perConversation;

        try (var kafka = new KafkaRecorder(Topics.CHAT_MESSAGES, tenant)) {
            start(relay);
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.count() >= 20);
            stop(relay);
            started.remove(relay);

            long left = pendingRows(tenant);
            assertThat(left).as("the stop came while rows were still waiting").isPositive();
            // Whatever was sent before the stop was also deleted: no row is both in Kafka and pending.
            await().atMost(Duration.ofSeconds(10)).until(() -> kafka.count() + left == total);

            start(relay);
            await().atMost(Duration.ofSeconds(60)).until(() -> pendingRows(tenant) == 0 && kafka.count() >= total);

            assertOncePerEventAndInOrderPerConversation(kafka.records(), conversations, perConversation);
        }
    }

    @Test
    void twoRelaysRunningAtOnceStillPublishOnceEachInOrder() throws Exception {
        UUID tenant = UUID.randomUUID();
        List<UUID> conversations = List.of(UUID.randomUUID(), UUID.randomUUID());
        int perConversation = 200;
        var second =
                new OutboxRelay(db, transactionalOperator, eventKafkaTemplate, properties, new SimpleMeterRegistry());

        try (var kafka = new KafkaRecorder(Topics.CHAT_MESSAGES, tenant)) {
            start(relay);
            start(second);
            write(tenant, conversations, perConversation);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> pendingRows(tenant) == 0 && kafka.count() >= conversations.size() * perConversation);

            assertOncePerEventAndInOrderPerConversation(kafka.records(), conversations, perConversation);
        }
    }

    private void write(UUID tenant, List<UUID> conversations, int perConversation) {
        // One transaction per round, conversations interleaved, as concurrent chats would write them.
        Flux.range(1, perConversation)
                .concatMap(seq -> transactions.inTenant(tenant, () -> Flux.fromIterable(conversations)
                        .concatMap(conversation ->
                                outbox.append("conversation", PostedEvents.posted(tenant, conversation, seq)))
                        .then()))
                .blockLast();
    }

    private long pendingRows(UUID tenant) {
        return db.sql("select count(*) from outbox where tenant_id = $1")
                .bind(0, tenant)
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }

    private static void assertOncePerEventAndInOrderPerConversation(
            List<ConsumerRecord<String, byte[]>> records, List<UUID> conversations, int perConversation) {
        List<String> ids = records.stream()
                .map(record -> KafkaRecorder.header(record, CloudEventHeaders.ID))
                .toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(conversations.size() * perConversation);

        Map<String, List<Long>> seqsByKey =
                records.stream().collect(groupingBy(ConsumerRecord::key, mapping(PostedEvents::seqOf, toList())));
        List<Long> expected = IntStream.rangeClosed(1, perConversation)
                .mapToObj(i -> (long) i)
                .toList();
        for (UUID conversation : conversations) {
            assertThat(seqsByKey.get(conversation.toString()))
                    .as("seqs of conversation %s in Kafka order", conversation)
                    .containsExactlyElementsOf(expected);
        }
    }

    private void start(OutboxRelay each) {
        each.start();
        started.add(each);
    }

    private static void stop(OutboxRelay each) throws InterruptedException {
        var stopped = new CountDownLatch(1);
        each.stop(stopped::countDown);
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
