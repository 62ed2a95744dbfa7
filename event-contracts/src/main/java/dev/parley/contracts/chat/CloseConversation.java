package dev.parley.contracts.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Command: a participant ends the conversation. session-service checks that they may. */
public record CloseConversation(UUID conversationId, ParticipantKind closedBy, UUID closedById, Instant sentAt) {

    public CloseConversation {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(closedBy, "closedBy");
        Objects.requireNonNull(closedById, "closedById");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
