package dev.parley.contracts.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Command: an agent declines an offer; routing offers the conversation to the next agent at once. */
public record DeclineConversation(UUID conversationId, UUID agentId, Instant sentAt) {

    public DeclineConversation {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
