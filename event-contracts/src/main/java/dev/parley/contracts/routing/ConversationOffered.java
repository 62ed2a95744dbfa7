package dev.parley.contracts.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Routing offered a conversation to one agent, who must accept before {@code expiresAt}. */
public record ConversationOffered(UUID conversationId, UUID agentId, Instant offeredAt, Instant expiresAt) {

    public ConversationOffered {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(offeredAt, "offeredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
