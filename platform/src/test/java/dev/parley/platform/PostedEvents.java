package dev.parley.platform;

import dev.parley.contracts.EventCodec;
import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.MessagePosted;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.Visibility;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** {@code chat.message.posted.v1} events as the outbox tests write them, and read back from Kafka. */
final class PostedEvents {

    private static final EventCodec CODEC = EventCodec.standard();

    private PostedEvents() {}

    static EventEnvelope<MessagePosted> posted(UUID tenant, UUID conversation, long seq) {
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

    /** The seq of the posted message a record carries. */
    static long seqOf(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(header -> headers.put(header.key(), KafkaRecorder.header(record, header.key())));
        return ((MessagePosted)
                        CODEC.decode(headers, record.key(), record.value()).data())
                .seq();
    }
}
