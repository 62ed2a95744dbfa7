package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.contracts.EventCodec;
import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chat.MessagePosted;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.Visibility;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.outbox.OutboxRelay;
import dev.parley.platform.tenant.TenantTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;

/**
 * Events written {@link Outbox.Latency#BATCHED} leave without a poll (here an hour away): the
 * wake-up within the batched delay publishes them, and an event written at once after them does
 * not overtake them.
 */
@TestPropertySource(properties = {"parley.outbox.poll-interval=1h", "parley.outbox.batched-delay=50ms"})
class OutboxBatchedIT extends PlatformIT {

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TenantTransactions transactions;

    @BeforeEach
    void startRelay() {
        relay.start();
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    @Test
    void batchedEventsLeaveWithinTheDelayWithoutAPollAndInOrderWithThoseWrittenAtOnce() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        try (var kafka = new KafkaRecorder(Topics.CHAT_MESSAGES, tenant)) {
            // Twenty transactions of posted messages, as twenty small batches of a busy chat write them.
            Flux.range(1, 20)
                    .concatMap(seq -> transactions.inTenant(
                            tenant,
                            () -> outbox.appendAll(
                                    "conversation",
                                    List.of(posted(tenant, conversation, seq)),
                                    Outbox.Latency.BATCHED)))
                    .blockLast();
            await().atMost(Duration.ofSeconds(10)).until(() -> kafka.count() >= 20);

            // More batched ones, then one at once: it takes them along, in position order.
            Flux.range(21, 5)
                    .concatMap(seq -> transactions.inTenant(
                            tenant,
                            () -> outbox.appendAll(
                                    "conversation",
                                    List.of(posted(tenant, conversation, seq)),
                                    Outbox.Latency.BATCHED)))
                    .blockLast();
            transactions
                    .inTenant(tenant, () -> outbox.append("conversation", posted(tenant, conversation, 26)))
                    .block();
            await().atMost(Duration.ofSeconds(10)).until(() -> kafka.count() >= 26);

            EventCodec codec = EventCodec.standard();
            List<Long> seqs = kafka.records().stream()
                    .map(record -> ((MessagePosted) codec.decode(headers(record), record.key(), record.value())
                                    .data())
                            .seq())
                    .toList();
            assertThat(seqs)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 26).boxed().toList());
        }
    }

    private static EventEnvelope<MessagePosted> posted(UUID tenant, UUID conversation, long seq) {
        var data = new MessagePosted(
                conversation,
                UUID.randomUUID(),
                seq,
                "client-" + seq,
                ParticipantKind.VISITOR,
                UUID.randomUUID(),
                Visibility.ALL,
                "message " + seq,
                Instant.now());
        return EventEnvelope.of(
                EventTypes.MESSAGE_POSTED, "/parley/platform-test", tenant, conversation.toString(), data);
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        var headers = new HashMap<String, String>();
        record.headers().forEach(header -> headers.put(header.key(), KafkaRecorder.header(record, header.key())));
        return headers;
    }
}
