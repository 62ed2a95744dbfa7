package dev.parley.session.delivery;

import dev.parley.platform.delivery.Delivery;
import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.platform.delivery.DeliveryPublisher;
import dev.parley.platform.delivery.DeliveryPublisher.Outgoing;
import java.util.List;
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
        return publishAll(List.of(messageFrame(tenantId, frame)));
    }

    /** {@link #message}'s frame, for {@link #publishAll}. */
    public Outgoing messageFrame(UUID tenantId, Frames.Message frame) {
        String channel = frame.agentsOnly()
                ? DeliveryChannels.conversationAgents(tenantId, frame.conversationId())
                : DeliveryChannels.conversation(tenantId, frame.conversationId());
        return Outgoing.of(channel, new Delivery(frame.seq(), json.writeValueAsString(frame)));
    }

    /** {@link #toConversationAgents}'s frame, for {@link #publishAll}. */
    public Outgoing conversationAgentsFrame(UUID tenantId, UUID conversationId, Object frame) {
        return Outgoing.of(
                DeliveryChannels.conversationAgents(tenantId, conversationId),
                Delivery.ephemeral(json.writeValueAsString(frame)));
    }

    /** {@link #toAgent}'s frame, for {@link #publishAll}. */
    public Outgoing agentFrame(UUID tenantId, UUID agentId, Object frame) {
        return Outgoing.of(
                DeliveryChannels.agent(tenantId, agentId), Delivery.ephemeral(json.writeValueAsString(frame)));
    }

    /**
     * Frames built by the methods above, published in one write to Redis and in their order (a
     * batch's frames after its commit). Like every publish here, a failure is logged, not raised.
     */
    public Mono<Void> publishAll(List<Outgoing> frames) {
        return publisher.publishAll(frames).onErrorResume(failure -> {
            log.warn("Delivery of {} frames failed; clients catch up on resume: {}", frames.size(), failure.toString());
            return Mono.empty();
        });
    }

    /** A frame for everyone in the conversation that is not a stored message. */
    public Mono<Void> toConversation(UUID tenantId, UUID conversationId, Object frame) {
        return publishAll(List.of(Outgoing.of(
                DeliveryChannels.conversation(tenantId, conversationId),
                Delivery.ephemeral(json.writeValueAsString(frame)))));
    }

    /** A frame for the conversation's agents only (mood): the visitor's sockets never subscribe this channel. */
    public Mono<Void> toConversationAgents(UUID tenantId, UUID conversationId, Object frame) {
        return publishAll(List.of(conversationAgentsFrame(tenantId, conversationId, frame)));
    }

    public Mono<Void> toVisitor(UUID tenantId, UUID visitorId, Object frame) {
        return publishAll(List.of(visitorFrame(tenantId, visitorId, frame)));
    }

    /** {@link #toVisitor}'s frame, for {@link #publishAll}. */
    public Outgoing visitorFrame(UUID tenantId, UUID visitorId, Object frame) {
        return Outgoing.of(
                DeliveryChannels.visitor(tenantId, visitorId), Delivery.ephemeral(json.writeValueAsString(frame)));
    }

    public Mono<Void> toAgent(UUID tenantId, UUID agentId, Object frame) {
        return publishAll(List.of(agentFrame(tenantId, agentId, frame)));
    }
}
