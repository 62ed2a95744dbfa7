package dev.parley.routing.assignment.messaging;

import dev.parley.contracts.Topics;
import dev.parley.contracts.routing.AcceptConversation;
import dev.parley.contracts.routing.DeclineConversation;
import dev.parley.contracts.routing.TransferConversation;
import dev.parley.routing.assignment.Router;
import dev.parley.routing.decision.messaging.EventInbox;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Agents' accepts, declines and transfers, as the gateway turned their frames into commands. The
 * tenant comes from the command's header, which the gateway set from the agent's token: a command
 * naming another tenant's conversation finds nothing.
 */
@Component
class RoutingCommandsListener {

    static final String CONSUMER = "routing-service.routing-commands";

    private final EventInbox inbox;
    private final Router router;

    RoutingCommandsListener(EventInbox inbox, Router router) {
        this.inbox = inbox;
        this.router = router;
    }

    @KafkaListener(topics = Topics.ROUTING_COMMANDS)
    Mono<Void> onCommand(ConsumerRecord<String, byte[]> record) {
        return inbox.receive(record, CONSUMER, data -> switch (data) {
            case AcceptConversation accept -> Optional.of(decision -> router.accept(decision, accept));
            case DeclineConversation decline -> Optional.of(decision -> router.decline(decision, decline));
            case TransferConversation transfer -> Optional.of(decision -> router.transfer(decision, transfer));
            default -> Optional.empty();
        });
    }
}
