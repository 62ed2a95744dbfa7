package dev.parley.contracts.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A conversation waits in a department's queue (on request, after a declined or expired offer with
 * nobody else free, or after a transfer to a department).
 *
 * @param position 1 for the next to be served
 */
public record ConversationQueued(UUID conversationId, UUID departmentId, int position, Instant queuedAt) {

    public ConversationQueued {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(departmentId, "departmentId");
        Objects.requireNonNull(queuedAt, "queuedAt");
        if (position < 1) {
            throw new IllegalArgumentException("position starts at 1, got " + position);
        }
    }
}
