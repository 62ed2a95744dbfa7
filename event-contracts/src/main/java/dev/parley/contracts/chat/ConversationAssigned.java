package dev.parley.contracts.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An agent now owns the conversation: routing offered it and the agent accepted, an agent picked it up, or
 * it was transferred.
 *
 * @param departmentId the queue it was assigned from, which changes on a transfer to another department
 * @param previousAgentId the agent who had it before, set only on a transfer
 */
public record ConversationAssigned(
        UUID conversationId,
        UUID agentId,
        UUID departmentId,
        @Nullable UUID previousAgentId,
        Instant assignedAt) {

    public ConversationAssigned {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(departmentId, "departmentId");
        Objects.requireNonNull(assignedAt, "assignedAt");
    }
}
