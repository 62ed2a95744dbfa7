package dev.parley.contracts.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Command: an agent accepts an offered conversation, or picks one up in pick-up mode. Routing
 * assigns it if the agent may still take it (offer valid or queue entry open, capacity left).
 */
public record AcceptConversation(UUID conversationId, UUID agentId, Instant sentAt) {

    public AcceptConversation {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
