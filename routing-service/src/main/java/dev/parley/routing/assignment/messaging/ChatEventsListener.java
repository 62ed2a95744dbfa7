package dev.parley.routing.assignment.messaging;

import dev.parley.contracts.Topics;
import dev.parley.contracts.chat.ConversationClosed;
import dev.parley.contracts.chat.ConversationRequested;
import dev.parley.routing.assignment.Router;
import dev.parley.routing.decision.messaging.EventInbox;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Conversations requested (queue and route them) and closed (free the queue or the agent). */
@Component
class ChatEventsListener {

    static final String CONSUMER = "routing-service.chat-events";

    private final EventInbox inbox;
    private final Router router;

    ChatEventsListener(EventInbox inbox, Router router) {
        this.inbox = inbox;
        this.router = router;
    }

    @KafkaListener(topics = Topics.CHAT_EVENTS)
    Mono<Void> onChatEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.receive(record, CONSUMER, data -> switch (data) {
            case ConversationRequested requested -> Optional.of(decision -> router.requested(decision, requested));
            case ConversationClosed closed -> Optional.of(decision -> router.closed(decision, closed));
            default -> Optional.empty(); // messages and our own assignments: nothing to route
        });
    }
}
