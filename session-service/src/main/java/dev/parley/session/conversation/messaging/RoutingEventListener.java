package dev.parley.session.conversation.messaging;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.Topics;
import dev.parley.contracts.UnknownEventTypeException;
import dev.parley.contracts.chat.ConversationAssigned;
import dev.parley.contracts.routing.ConversationQueued;
import dev.parley.platform.consumer.IdempotentConsumer;
import dev.parley.platform.messaging.EventRecords;
import dev.parley.session.conversation.Conversations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What routing decided, applied to the conversation's state: who its agent is (so that only
 * they may write to the visitor) and that it is queued.
 */
@Component
class RoutingEventListener {

    private static final String CONSUMER = "session.routing-decisions";

    private final Conversations conversations;
    private final IdempotentConsumer idempotent;

    RoutingEventListener(Conversations conversations, IdempotentConsumer idempotent) {
        this.conversations = conversations;
        this.idempotent = idempotent;
    }

    @KafkaListener(
            topics = {Topics.CHAT_EVENTS, Topics.ROUTING_EVENTS},
            groupId = "session-service")
    Mono<Void> onEvent(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event;
        try {
            event = EventRecords.decode(record);
        } catch (UnknownEventTypeException newerThanUs) {
            return Mono.empty();
        }
        return switch (event.data()) {
            case ConversationAssigned assigned ->
                idempotent
                        .apply(CONSUMER, event, () -> conversations.assigned(event.tenantId(), assigned))
                        .then();
            case ConversationQueued queued ->
                idempotent
                        .apply(CONSUMER, event, () -> conversations.queued(event.tenantId(), queued))
                        .then();
            default -> Mono.empty();
        };
    }
}
