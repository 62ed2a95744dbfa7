package dev.parley.session.message.messaging;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.Topics;
import dev.parley.contracts.UnknownEventTypeException;
import dev.parley.contracts.chat.CloseConversation;
import dev.parley.contracts.chat.ConversationClosed;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.ReportReceipt;
import dev.parley.contracts.chat.SendMessage;
import dev.parley.platform.messaging.EventRecords;
import dev.parley.platform.messaging.PerKeyOrder;
import dev.parley.session.conversation.Conversations;
import dev.parley.session.delivery.Deliveries;
import dev.parley.session.delivery.Frames;
import dev.parley.session.message.MessageLog;
import dev.parley.session.message.Rejection;
import dev.parley.session.mood.Moods;
import dev.parley.session.receipt.Receipts;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Commands from the gateway. Records of one conversation share a partition and run one after
 * another ({@link PerKeyOrder}); their results go to Redis only after the transaction committed.
 * A refused command is answered with an error frame to its sender and stores nothing.
 *
 * <p>One consumer per partition ({@code concurrency} = the topics' partition count). Because this
 * listener returns a {@code Mono}, spring-kafka acknowledges asynchronously: it commits an offset
 * only once every record before it in the partition has completed (so never before the effect is
 * durable), and it pauses its consumer until the whole previous poll has completed. With one
 * consumer for all partitions that pause made every chat wait for the slowest transaction of the
 * batch; with one per partition, only chats sharing a partition do. Extra consumers beyond the
 * partitions an instance owns stay idle.
 */
@Component
class ChatCommandListener {

    private final MessageLog messages;
    private final Conversations conversations;
    private final Receipts receipts;
    private final Deliveries deliveries;
    private final Moods moods;
    private final PerKeyOrder order = new PerKeyOrder();

    ChatCommandListener(
            MessageLog messages, Conversations conversations, Receipts receipts, Deliveries deliveries, Moods moods) {
        this.messages = messages;
        this.conversations = conversations;
        this.receipts = receipts;
        this.deliveries = deliveries;
        this.moods = moods;
    }

    @KafkaListener(
            topics = Topics.CHAT_COMMANDS,
            groupId = "session-service",
            concurrency = "${parley.kafka.topics.partitions:6}")
    Mono<Void> onCommand(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> command;
        try {
            command = EventRecords.decode(record);
        } catch (UnknownEventTypeException newerThanUs) {
            return Mono.empty();
        }
        return order.run(record.key(), () -> switch (command.data()) {
            case SendMessage send -> send(command.tenantId(), send);
            case CloseConversation close -> close(command.tenantId(), close);
            case ReportReceipt receipt -> receipt(command.tenantId(), receipt);
            default -> Mono.empty();
        });
    }

    private Mono<Void> send(UUID tenantId, SendMessage send) {
        // The message first: an agent sees the words before the mood they moved.
        return messages.append(tenantId, send)
                .flatMap(appended -> deliveries
                        .message(tenantId, appended.frame())
                        .then(tellMembers(tenantId, appended))
                        .then(appended.mood() == null ? Mono.empty() : moods.announce(tenantId, appended.mood())))
                .onErrorResume(
                        Rejection.class,
                        refused -> refuse(
                                tenantId,
                                send.senderKind(),
                                send.senderId(),
                                refused,
                                "message.send",
                                send.clientMessageId()));
    }

    /** An internal chat's other members hear of the message on their own channels too (a retry tells again). */
    private Mono<Void> tellMembers(UUID tenantId, MessageLog.Appended appended) {
        Frames.Message message = appended.frame();
        if (appended.membersToTell().isEmpty() || message.sender().id() == null) {
            return Mono.empty();
        }
        var frame = new Frames.InternalMessage(
                message.conversationId(),
                message.seq(),
                new Frames.Agent(message.sender().id(), message.sender().name()),
                message.text());
        return Flux.fromIterable(appended.membersToTell())
                .concatMap(member -> deliveries.toAgent(tenantId, member, frame))
                .then();
    }

    private Mono<Void> close(UUID tenantId, CloseConversation close) {
        return conversations
                .close(
                        tenantId,
                        close.conversationId(),
                        close.closedBy(),
                        close.closedById(),
                        ConversationClosed.Reason.ENDED)
                .flatMap(closed -> deliveries.toConversation(
                        tenantId,
                        closed.conversationId(),
                        new Frames.Closed(
                                closed.conversationId(),
                                closed.closedBy().name().toLowerCase(Locale.ROOT))))
                .onErrorResume(
                        Rejection.class,
                        refused -> refuse(
                                tenantId, close.closedBy(), close.closedById(), refused, "conversation.close", null));
    }

    /** A mark that moved is told to the whole conversation; one that did not is not told at all. */
    private Mono<Void> receipt(UUID tenantId, ReportReceipt receipt) {
        return receipts.report(tenantId, receipt)
                .flatMap(moved -> deliveries.toConversation(tenantId, receipt.conversationId(), moved))
                .onErrorResume(
                        Rejection.class,
                        refused -> refuse(tenantId, receipt.side(), receipt.actorId(), refused, "receipt", null));
    }

    private Mono<Void> refuse(
            UUID tenantId,
            ParticipantKind kind,
            UUID senderId,
            Rejection refused,
            String frameType,
            @org.jspecify.annotations.Nullable String clientMsgId) {
        Map<String, String> ref = new HashMap<>();
        ref.put("type", frameType);
        if (clientMsgId != null) {
            ref.put("clientMsgId", clientMsgId);
        }
        var error = new Frames.Error(refused.code(), refused.getMessage(), ref);
        return kind == ParticipantKind.AGENT
                ? deliveries.toAgent(tenantId, senderId, error)
                : deliveries.toVisitor(tenantId, senderId, error);
    }
}
