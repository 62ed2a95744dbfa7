package dev.parley.session.delivery;

import dev.parley.platform.delivery.Delivery;
import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.platform.delivery.DeliveryPublisher;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes frames to the gateway nodes through Redis, after the transaction that stored what
 * they report has committed. A failed publish is logged, not raised: what was stored is safe,
 * and clients get it on their next resume.
 */
@Component
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final DeliveryPublisher publisher;
    private final JsonMapper json;

    public Deliveries(DeliveryPublisher publisher, JsonMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    /** A stored message, on the channel its visibility allows: whispers never reach a visitor's channel. */
    public Mono<Void> message(UUID tenantId, Frames.Message frame) {
        String channel = frame.agentsOnly()
                ? DeliveryChannels.conversationAgents(tenantId, frame.conversationId())
                : DeliveryChannels.conversation(tenantId, frame.conversationId());
        return publish(channel, new Delivery(frame.seq(), json.writeValueAsString(frame)));
    }

    /** A frame for everyone in the conversation that is not a stored message. */
    public Mono<Void> toConversation(UUID tenantId, UUID conversationId, Object frame) {
        return publish(
                DeliveryChannels.conversation(tenantId, conversationId),
                Delivery.ephemeral(json.writeValueAsString(frame)));
    }

    /** A frame for the conversation's agents only (mood): the visitor's sockets never subscribe this channel. */
    public Mono<Void> toConversationAgents(UUID tenantId, UUID conversationId, Object frame) {
        return publish(
                DeliveryChannels.conversationAgents(tenantId, conversationId),
                Delivery.ephemeral(json.writeValueAsString(frame)));
    }

    public Mono<Void> toVisitor(UUID tenantId, UUID visitorId, Object frame) {
        return publish(
                DeliveryChannels.visitor(tenantId, visitorId), Delivery.ephemeral(json.writeValueAsString(frame)));
    }

    public Mono<Void> toAgent(UUID tenantId, UUID agentId, Object frame) {
        return publish(DeliveryChannels.agent(tenantId, agentId), Delivery.ephemeral(json.writeValueAsString(frame)));
    }

    private Mono<Void> publish(String channel, Delivery delivery) {
        return publisher.publish(channel, delivery).then().onErrorResume(failure -> {
            log.warn("Delivery to {} failed; clients catch up on resume: {}", channel, failure.toString());
            return Mono.empty();
        });
    }
}
