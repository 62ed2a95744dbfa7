package dev.parley.routing.presence.messaging;

import dev.parley.contracts.Topics;
import dev.parley.contracts.presence.AgentPresenceChanged;
import dev.parley.routing.assignment.Router;
import dev.parley.routing.decision.messaging.EventInbox;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Agents' connections coming, going and beating, as the gateway nodes holding them report. */
@Component
class PresenceListener {

    static final String CONSUMER = "routing-service.presence";

    private final EventInbox inbox;
    private final Router router;

    PresenceListener(EventInbox inbox, Router router) {
        this.inbox = inbox;
        this.router = router;
    }

    @KafkaListener(topics = Topics.AGENT_PRESENCE)
    Mono<Void> onPresence(ConsumerRecord<String, byte[]> record) {
        return inbox.receive(
                record,
                CONSUMER,
                data -> data instanceof AgentPresenceChanged change
                        ? Optional.of(decision -> router.presenceChanged(decision, change))
                        : Optional.empty());
    }
}
