package dev.parley.routing.offer;

import java.time.Instant;
import java.util.UUID;

/** A waiting conversation offered to one agent, theirs if they accept before {@code expiresAt}. */
public record Offer(UUID conversationId, UUID agentId, UUID departmentId, Instant offeredAt, Instant expiresAt) {

    public boolean isOpenAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
