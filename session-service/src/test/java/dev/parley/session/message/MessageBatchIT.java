package dev.parley.session.message;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.SendMessage;
import dev.parley.contracts.chat.Visibility;
import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.platform.messaging.CommandSender;
import dev.parley.session.SessionHttpIT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Messages stored a batch at a time: one transaction decides every command of the batch, stores
 * the acceptable ones with gapless seqs and refuses the others alone, each with its own code.
 */
class MessageBatchIT extends SessionHttpIT {

    @Autowired
    MessageLog log;

    @Autowired
    CommandSender commands;

    final UUID tenant = UUID.randomUUID();
    final UUID site = UUID.randomUUID();

    @Test
    void aBatchStoresEveryAcceptableMessageAndRefusesEachOtherAlone() {
        UUID visitor = visitor(tenant, site);
        UUID first = conversationOf(tenant, visitor, "ACTIVE");
        UUID otherVisitor = visitor(tenant, site);
        UUID second = conversationOf(tenant, otherVisitor, "ACTIVE");
        UUID closed = conversationOf(tenant, visitor, "CLOSED");

        List<MessageLog.Result> results = log.appendAll(
                        tenant,
                        List.of(
                                send(first, visitor, "a", "first words"),
                                send(UUID.randomUUID(), visitor, "x", "to nowhere"),
                                send(second, otherVisitor, "b", "other chat"),
                                send(first, visitor, "a", "first words"), // retried within the batch
                                send(second, visitor, "y", "not my chat"),
                                send(first, visitor, "z", "no \u0000 here"),
                                send(first, visitor, "c", "my card is 4111 1111 1111 1111"),
                                send(closed, visitor, "w", "too late")))
                .block(Duration.ofSeconds(10));

        assertThat(results)
                .extracting(MessageLog.Result::refused)
                .extracting(refused -> refused == null ? "stored" : refused.code())
                .containsExactly(
                        "stored",
                        "not_found",
                        "stored",
                        "stored",
                        "forbidden",
                        "invalid",
                        "stored",
                        "conversation_closed");
        assertThat(results.get(0).appended().frame().seq()).isEqualTo(1);
        assertThat(results.get(2).appended().frame().seq()).isEqualTo(1);
        assertThat(results.get(3).appended().retry()).isTrue();
        assertThat(results.get(3).appended().frame().seq()).isEqualTo(1);
        assertThat(results.get(6).appended().frame().seq()).isEqualTo(2);
        assertThat(results.get(6).appended().frame().text()).doesNotContain("4111 1111 1111 1111");

        assertThat(bodies(first))
                .containsExactly(
                        "1 first words",
                        "2 " + results.get(6).appended().frame().text());
        assertThat(bodies(second)).containsExactly("1 other chat");
        assertThat(bodies(closed)).isEmpty();
        assertThat(count(tenant, "select last_seq from conversation where id = '" + first + "'"))
                .isEqualTo(2);
        assertThat(count(tenant, "select last_seq from conversation where id = '" + second + "'"))
                .isEqualTo(1);
        // Each visitor message moved its conversation's mood, in order: two scores for the first chat.
        assertThat(count(tenant, "select cardinality(mood_trend) from conversation where id = '" + first + "'"))
                .isEqualTo(2);
    }

    @Test
    void aRetryOfAMessageOfAnEarlierBatchGetsTheStoredCopyAndTheNextSeqStaysGapless() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "ACTIVE");
        log.appendAll(tenant, List.of(send(conversation, visitor, "m-1", "one")))
                .block(Duration.ofSeconds(10));

        List<MessageLog.Result> results = log.appendAll(
                        tenant,
                        List.of(
                                send(conversation, visitor, "m-2", "two"),
                                send(conversation, visitor, "m-1", "one"),
                                send(conversation, visitor, "m-3", "three")))
                .block(Duration.ofSeconds(10));

        assertThat(results).extracting(result -> result.orThrow().frame().seq()).containsExactly(2L, 1L, 3L);
        assertThat(results).extracting(result -> result.orThrow().retry()).containsExactly(false, true, false);
        assertThat(bodies(conversation)).containsExactly("1 one", "2 two", "3 three");
    }

    @Test
    void aRetryOlderThanTheBatchLookBackIsStillStoredOnceAndTheSeqStaysGapless() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "ACTIVE");
        log.appendAll(tenant, List.of(send(conversation, visitor, "old", "said long ago")))
                .block(Duration.ofSeconds(10));
        List<SendMessage> later = new ArrayList<>();
        for (int i = 1; i <= MessageLog.RETRY_WINDOW; i++) {
            later.add(send(conversation, visitor, "later-" + i, "later " + i));
        }
        log.appendAll(tenant, later).block(Duration.ofSeconds(30));
        List<JsonNode> chat = listen(DeliveryChannels.conversation(tenant, conversation));

        // The retry is beyond the batch's look-back: the unique index fails the batch, and its
        // sends are stored one at a time, each looking at every message of the conversation.
        commands.send(envelope(send(conversation, visitor, "old", "said long ago")))
                .block(Duration.ofSeconds(10));
        commands.send(envelope(send(conversation, visitor, "new", "said now"))).block(Duration.ofSeconds(10));

        eventually().until(() -> chat.stream()
                .anyMatch(frame -> frame.path("clientMsgId").asString("").equals("new")));
        long last = MessageLog.RETRY_WINDOW + 2;
        assertThat(chat)
                .filteredOn(frame -> frame.path("clientMsgId").asString("").equals("new"))
                .singleElement()
                .satisfies(frame -> assertThat(frame.path("seq").asLong()).isEqualTo(last));
        assertThat(count(
                        tenant,
                        "select count(*) from message where conversation_id = '" + conversation
                                + "' and client_message_id = 'old'"))
                .isEqualTo(1);
        assertThat(count(tenant, "select count(*) from message where conversation_id = '" + conversation + "'"))
                .isEqualTo(last);
        assertThat(count(tenant, "select last_seq from conversation where id = '" + conversation + "'"))
                .isEqualTo(last);
    }

    @Test
    void aRefusedCommandAmongOthersOnKafkaIsAnsweredAloneAndTheOthersAreDelivered() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "ACTIVE");
        List<JsonNode> chat = listen(DeliveryChannels.conversation(tenant, conversation));
        List<JsonNode> refusals = listen(DeliveryChannels.visitor(tenant, visitor));

        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            commands.send(envelope(send(conversation, visitor, "k-" + i, "message " + i)))
                    .block(Duration.ofSeconds(10));
            sent.add("message " + i);
            if (i == 10) {
                commands.send(envelope(send(conversation, visitor, "bad", "nul \u0000")))
                        .block(Duration.ofSeconds(10));
            }
        }

        eventually().until(() -> chat.size() >= 20 && !refusals.isEmpty());
        assertThat(chat)
                .extracting(frame -> frame.path("seq").asLong())
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(chat).extracting(frame -> frame.path("text").asString()).containsExactlyElementsOf(sent);
        assertThat(refusals).singleElement().satisfies(error -> {
            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("code").asString()).isEqualTo("invalid");
            assertThat(error.path("ref").path("clientMsgId").asString()).isEqualTo("bad");
        });
    }

    @Test
    void everyStoredMessageIsAnnouncedOnceInSeqOrderAndNoRefusedOrRetriedOne() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "ACTIVE");
        log.appendAll(
                        tenant,
                        List.of(send(conversation, visitor, "e-1", "one"), send(conversation, visitor, "e-2", "two")))
                .block(Duration.ofSeconds(10));
        log.appendAll(
                        tenant,
                        List.of(
                                send(conversation, visitor, "e-2", "two"), // a retry: stored already
                                send(conversation, visitor, "e-bad", "nul \u0000"), // refused
                                send(conversation, visitor, "e-3", "three")))
                .block(Duration.ofSeconds(10));

        List<ConsumerRecord<String, byte[]>> announced = new ArrayList<>();
        try (var consumer = consumerFromStart()) {
            consumer.subscribe(List.of(Topics.CHAT_MESSAGES));
            eventually().pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (conversation.toString().equals(record.key())) {
                        announced.add(record);
                    }
                });
                return announced.size() >= 3;
            });
            // A later message as a marker: whatever else (a doubled, a refused one) was written
            // would have left before it, by outbox position.
            log.appendAll(tenant, List.of(send(conversation, visitor, "e-4", "four")))
                    .block(Duration.ofSeconds(10));
            eventually().pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (conversation.toString().equals(record.key())) {
                        announced.add(record);
                    }
                });
                return announced.stream().anyMatch(record -> json(record).contains("\"text\":\"four\""));
            });
        }
        assertThat(announced)
                .extracting(MessageBatchIT::json)
                .satisfiesExactly(
                        first -> assertThat(first).contains("\"seq\":1").contains("\"text\":\"one\""),
                        second -> assertThat(second).contains("\"seq\":2").contains("\"text\":\"two\""),
                        third -> assertThat(third).contains("\"seq\":3").contains("\"text\":\"three\""),
                        marker -> assertThat(marker).contains("\"seq\":4"));
    }

    @Test
    void anUnreadableCommandIsParkedOnTheDeadLetterTopicAndTheNextOneIsStored() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "ACTIVE");
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfrastructure.shared().kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            var unreadable = new ProducerRecord<String, byte[]>(
                    Topics.CHAT_COMMANDS, conversation.toString(), "{not json".getBytes(UTF_8));
            envelope(send(conversation, visitor, "u", "x"))
                    .headers()
                    .forEach((name, value) -> unreadable.headers().add(name, value.getBytes(UTF_8)));
            producer.send(unreadable);
            producer.flush();
        }
        commands.send(envelope(send(conversation, visitor, "after", "after the bad one")))
                .block(Duration.ofSeconds(10));

        eventually().until(() -> bodies(conversation).equals(List.of("1 after the bad one")));
        assertThat(parkedFor(conversation))
                .as("the unreadable record, with where it came from")
                .satisfies(parked -> {
                    assertThat(new String(parked.value(), UTF_8)).isEqualTo("{not json");
                    assertThat(parked.headers()
                                    .lastHeader("kafka_dlt-original-topic")
                                    .value())
                            .isEqualTo(Topics.CHAT_COMMANDS.getBytes(UTF_8));
                });
    }

    /** An event's JSON without the blanks Postgres's jsonb puts after colons. */
    private static String json(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), UTF_8).replace("\": ", "\":");
    }

    private static KafkaConsumer<String, byte[]> consumerFromStart() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "message-batch-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private ConsumerRecord<String, byte[]> parkedFor(UUID conversation) {
        List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
        try (var consumer = consumerFromStart()) {
            consumer.subscribe(List.of(Topics.dlt(Topics.CHAT_COMMANDS)));
            eventually().pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (conversation.toString().equals(record.key())) {
                        parked.add(record);
                    }
                });
                return !parked.isEmpty();
            });
        }
        return parked.getFirst();
    }

    private List<String> bodies(UUID conversation) {
        return query(
                tenant,
                "select seq, body from message where conversation_id = '" + conversation + "' order by seq",
                row -> row.get("seq", Long.class) + " " + row.get("body", String.class));
    }

    private static SendMessage send(UUID conversation, UUID visitor, String clientMsgId, String text) {
        return new SendMessage(
                conversation, clientMsgId, ParticipantKind.VISITOR, visitor, Visibility.ALL, text, Instant.now());
    }

    private EventEnvelope<SendMessage> envelope(SendMessage send) {
        return EventEnvelope.of(
                EventTypes.SEND_MESSAGE,
                "/parley/gateway-service",
                tenant,
                send.conversationId().toString(),
                send);
    }
}
