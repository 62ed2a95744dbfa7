package dev.parley.contracts.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Command: the assigned agent (or a supervisor) hands a conversation to another agent or queues it
 * in another department. Exactly one of {@code toAgentId} and {@code toDepartmentId} is set.
 */
public record TransferConversation(
        UUID conversationId,
        UUID byAgentId,
        @Nullable UUID toAgentId,
        @Nullable UUID toDepartmentId,
        Instant sentAt) {

    public TransferConversation {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(byAgentId, "byAgentId");
        Objects.requireNonNull(sentAt, "sentAt");
        if ((toAgentId == null) == (toDepartmentId == null)) {
            throw new IllegalArgumentException("a transfer names either an agent or a department");
        }
    }
}
