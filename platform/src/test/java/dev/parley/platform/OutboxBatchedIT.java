package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.contracts.Topics;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.outbox.OutboxRelay;
import dev.parley.platform.tenant.TenantTransactions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
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
            writeBatched(tenant, conversation, 1, 20);
            await().atMost(Duration.ofSeconds(10)).until(() -> kafka.count() >= 20);

            // More batched ones, then one at once: it takes them along, in position order.
            writeBatched(tenant, conversation, 21, 25);
            transactions
                    .inTenant(
                            tenant, () -> outbox.append("conversation", PostedEvents.posted(tenant, conversation, 26)))
                    .block();
            await().atMost(Duration.ofSeconds(10)).until(() -> kafka.count() >= 26);

            List<Long> seqs = kafka.records().stream().map(PostedEvents::seqOf).toList();
            assertThat(seqs)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 26).boxed().toList());
        }
    }

    private void writeBatched(UUID tenant, UUID conversation, int fromSeq, int toSeq) {
        Flux.range(fromSeq, toSeq - fromSeq + 1)
                .concatMap(seq -> transactions.inTenant(
                        tenant,
                        () -> outbox.appendAll(
                                "conversation",
                                List.of(PostedEvents.posted(tenant, conversation, seq)),
                                Outbox.Latency.BATCHED)))
                .blockLast();
    }
}
