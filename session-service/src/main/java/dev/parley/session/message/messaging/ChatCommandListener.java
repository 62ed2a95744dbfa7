package dev.parley.session.message.messaging;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.Topics;
import dev.parley.contracts.UnknownEventTypeException;
import dev.parley.contracts.chat.CloseConversation;
import dev.parley.contracts.chat.ConversationClosed;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.ReportReceipt;
import dev.parley.contracts.chat.SendMessage;
import dev.parley.platform.delivery.DeliveryPublisher;
import dev.parley.platform.messaging.DeadLetters;
import dev.parley.platform.messaging.EventRecords;
import dev.parley.session.conversation.Conversations;
import dev.parley.session.delivery.Deliveries;
import dev.parley.session.delivery.Frames;
import dev.parley.session.message.MessageLog;
import dev.parley.session.message.Rejection;
import dev.parley.session.mood.Moods;
import dev.parley.session.receipt.Receipts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Commands from the gateway, a poll at a time. One consumer per partition ({@code concurrency} =
 * the topic's partition count); each poll's records are handled as one batch, in order: a run of
 * consecutive sends is stored by one transaction ({@link MessageLog#appendAll}, per tenant), and
 * their frames go to Redis after it committed, issued together; a close or a receipt between them
 * is handled on its own, after the sends before it and before the ones after it. So a
 * conversation's commands keep their order, and a busy partition pays for its round trips per
 * batch, not per message: the more that waits, the larger the next batch.
 *
 * <p>The listener waits on its consumer's own thread until the batch is stored and its frames
 * are issued; then spring-kafka marks the poll's offsets for the next commit ({@link
 * CommandOffsets}: every 100 ms, never before the effect is durable) and polls again at once. It
 * does not return a {@code Mono}: with asynchronous acknowledgement spring-kafka pauses the
 * consumer until the batch completes and resumes it on a later poll, which cost every message 100
 * to 200 ms here even on an idle machine (docs/adr/0006). A refused
 * command is answered with an error frame to its sender and stores nothing; it does not keep the
 * rest of its batch from committing. A batch that fails for another reason (the database) is
 * tried again one command at a time, each a few times; what still fails is parked on the
 * dead-letter topic and its sender told {@code unavailable}, so nothing is retried forever and
 * nothing else waits for it.
 */
@Component
class ChatCommandListener {

    private static final Logger log = LoggerFactory.getLogger(ChatCommandListener.class);
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(2);

    /** The listener's id, by which {@link CommandOffsets} finds its container. */
    static final String ID = "chat-commands";

    private final MessageLog messages;
    private final Conversations conversations;
    private final Receipts receipts;
    private final Deliveries deliveries;
    private final Moods moods;
    private final DeadLetters deadLetters;

    ChatCommandListener(
            MessageLog messages,
            Conversations conversations,
            Receipts receipts,
            Deliveries deliveries,
            Moods moods,
            DeadLetters deadLetters) {
        this.messages = messages;
        this.conversations = conversations;
        this.receipts = receipts;
        this.deliveries = deliveries;
        this.moods = moods;
        this.deadLetters = deadLetters;
    }

    /** A decoded command and the record it came in. */
    private record Command<T>(ConsumerRecord<String, byte[]> record, UUID tenantId, T data) {}

    @KafkaListener(
            id = ID,
            topics = Topics.CHAT_COMMANDS,
            groupId = "session-service",
            concurrency = "${parley.session.command-consumers:${parley.kafka.topics.partitions:6}}",
            batch = "true")
    void onCommands(List<ConsumerRecord<String, byte[]>> records) {
        // A consumer owning several partitions gets them in one poll: they run side by side, each
        // partition's records in order.
        Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new LinkedHashMap<>();
        records.forEach(record -> byPartition
                .computeIfAbsent(record.partition(), partition -> new ArrayList<>())
                .add(record));
        Flux.fromIterable(byPartition.values())
                .flatMap(this::handle)
                .then()
                // Bounded, so a database that hangs fails the poll (retried, then parked) instead of
                // holding the partition forever; stored messages are found again by client id.
                .block(BATCH_TIMEOUT);
    }

    private Mono<Void> handle(List<ConsumerRecord<String, byte[]>> records) {
        List<Mono<Void>> steps = new ArrayList<>();
        List<Command<SendMessage>> sends = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope<?> command;
            try {
                command = EventRecords.decode(record);
            } catch (UnknownEventTypeException newerThanUs) {
                continue;
            } catch (RuntimeException unreadable) {
                steps.add(deadLetters.park(record, unreadable));
                continue;
            }
            if (command.data() instanceof SendMessage send) {
                sends.add(new Command<>(record, command.tenantId(), send));
                continue;
            }
            if (!sends.isEmpty()) {
                steps.add(sendAll(List.copyOf(sends)));
                sends.clear();
            }
            steps.add(other(new Command<>(record, command.tenantId(), command.data())));
        }
        if (!sends.isEmpty()) {
            steps.add(sendAll(sends));
        }
        return Flux.fromIterable(steps).concatMap(step -> step).then();
    }

    /** Consecutive sends: one transaction per tenant among them, in their order. */
    private Mono<Void> sendAll(List<Command<SendMessage>> sends) {
        Map<UUID, List<Command<SendMessage>>> byTenant = new LinkedHashMap<>();
        sends.forEach(send -> byTenant.computeIfAbsent(send.tenantId(), tenant -> new ArrayList<>())
                .add(send));
        return Flux.fromIterable(byTenant.entrySet())
                .concatMap(tenant -> sendAll(tenant.getKey(), tenant.getValue()))
                .then();
    }

    private Mono<Void> sendAll(UUID tenantId, List<Command<SendMessage>> sends) {
        return Mono.defer(() -> messages.appendAll(
                        tenantId, sends.stream().map(Command::data).toList()))
                .map(results -> Optional.of(results))
                .onErrorResume(failure -> {
                    log.warn(
                            "A batch of {} messages failed, storing them one by one: {}",
                            sends.size(),
                            failure.toString());
                    return Mono.just(Optional.empty());
                })
                .flatMap(results -> results.isPresent()
                        ? deliverAll(tenantId, sends, results.get())
                        : Flux.fromIterable(sends).concatMap(this::sendAlone).then());
    }

    /**
     * The batch's frames to Redis in one write, after its commit: each message, then what it
     * tells the members of an internal chat, then the mood it moved. One connection keeps them in
     * that order, so each conversation's messages reach the gateways in seq order. A refused send
     * is answered with its error frame in the same write.
     */
    private Mono<Void> deliverAll(UUID tenantId, List<Command<SendMessage>> sends, List<MessageLog.Result> results) {
        List<DeliveryPublisher.Outgoing> frames = new ArrayList<>(sends.size() * 2);
        for (int i = 0; i < sends.size(); i++) {
            frames.addAll(framesOf(tenantId, sends.get(i).data(), results.get(i)));
        }
        return deliveries.publishAll(frames);
    }

    private Mono<Void> deliver(UUID tenantId, SendMessage send, MessageLog.Result result) {
        return deliveries.publishAll(framesOf(tenantId, send, result));
    }

    private List<DeliveryPublisher.Outgoing> framesOf(UUID tenantId, SendMessage send, MessageLog.Result result) {
        MessageLog.Appended appended = result.appended();
        if (appended == null) {
            return List.of(refusalFrame(tenantId, send, Objects.requireNonNull(result.refused())));
        }
        // The message first: an agent sees the words before the mood they moved.
        List<DeliveryPublisher.Outgoing> frames = new ArrayList<>(2);
        frames.add(deliveries.messageFrame(tenantId, appended.frame()));
        tellMembers(tenantId, appended, frames);
        if (appended.mood() != null) {
            frames.addAll(moods.frames(tenantId, appended.mood()));
        }
        return frames;
    }

    /** A send of a batch that failed: on its own, a few times, then parked and its sender told. */
    private Mono<Void> sendAlone(Command<SendMessage> send) {
        UUID tenantId = send.tenantId();
        return Mono.defer(() -> messages.append(tenantId, send.data()))
                .retryWhen(transientFailures())
                .flatMap(appended -> deliver(tenantId, send.data(), new MessageLog.Result(appended, null)))
                .onErrorResume(Rejection.class, refused -> refuseSend(tenantId, send.data(), refused))
                .onErrorResume(failure -> deadLetters
                        .park(send.record(), failure)
                        .then(refuseSend(
                                tenantId,
                                send.data(),
                                new Rejection("unavailable", "Could not be stored now; send it again"))));
    }

    private Mono<Void> refuseSend(UUID tenantId, SendMessage send, Rejection refused) {
        return deliveries.publishAll(List.of(refusalFrame(tenantId, send, refused)));
    }

    private DeliveryPublisher.Outgoing refusalFrame(UUID tenantId, SendMessage send, Rejection refused) {
        var error = errorFrame(refused, "message.send", send.clientMessageId());
        return send.senderKind() == ParticipantKind.AGENT
                ? deliveries.agentFrame(tenantId, send.senderId(), error)
                : deliveries.visitorFrame(tenantId, send.senderId(), error);
    }

    /** A close or a receipt: on its own, retried a few times on a passing failure, then parked. */
    private Mono<Void> other(Command<Object> command) {
        Mono<Void> work =
                switch (command.data()) {
                    case CloseConversation close -> close(command.tenantId(), close);
                    case ReportReceipt receipt -> receipt(command.tenantId(), receipt);
                    default -> Mono.empty();
                };
        return work.retryWhen(transientFailures())
                .onErrorResume(failure -> deadLetters.park(command.record(), failure));
    }

    /** A refusal is final; anything else (the database for a moment) is tried again three times. */
    private static Retry transientFailures() {
        return Retry.fixedDelay(3, Duration.ofMillis(200))
                .filter(failure -> !(failure instanceof Rejection))
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /** An internal chat's other members hear of the message on their own channels too (a retry tells again). */
    private void tellMembers(UUID tenantId, MessageLog.Appended appended, List<DeliveryPublisher.Outgoing> frames) {
        Frames.Message message = appended.frame();
        if (appended.membersToTell().isEmpty() || message.sender().id() == null) {
            return;
        }
        var frame = new Frames.InternalMessage(
                message.conversationId(),
                message.seq(),
                new Frames.Agent(message.sender().id(), message.sender().name()),
                message.text());
        appended.membersToTell().forEach(member -> frames.add(deliveries.agentFrame(tenantId, member, frame)));
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
                        refused ->
                                refuse(tenantId, close.closedBy(), close.closedById(), refused, "conversation.close"));
    }

    /** A mark that moved is told to the whole conversation; one that did not is not told at all. */
    private Mono<Void> receipt(UUID tenantId, ReportReceipt receipt) {
        return receipts.report(tenantId, receipt)
                .flatMap(moved -> deliveries.toConversation(tenantId, receipt.conversationId(), moved))
                .onErrorResume(
                        Rejection.class,
                        refused -> refuse(tenantId, receipt.side(), receipt.actorId(), refused, "receipt"));
    }

    private Mono<Void> refuse(UUID tenantId, ParticipantKind kind, UUID senderId, Rejection refused, String frameType) {
        var error = errorFrame(refused, frameType, null);
        return kind == ParticipantKind.AGENT
                ? deliveries.toAgent(tenantId, senderId, error)
                : deliveries.toVisitor(tenantId, senderId, error);
    }

    private static Frames.Error errorFrame(
            Rejection refused, String frameType, @org.jspecify.annotations.Nullable String clientMsgId) {
        Map<String, String> ref = new HashMap<>();
        ref.put("type", frameType);
        if (clientMsgId != null) {
            ref.put("clientMsgId", clientMsgId);
        }
        return new Frames.Error(refused.code(), refused.getMessage(), ref);
    }
}
