package dev.parley.contracts.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Command: a participant reports how far its side of a conversation got, as message sequence numbers.
 * session-service keeps the highest of each per side (never lower, never past what that side could have
 * received) and tells the conversation when a mark moved. Either mark may be absent; at least one is there.
 *
 * @param side {@link ParticipantKind#VISITOR} or {@link ParticipantKind#AGENT}: whose marks move
 * @param actorId the visitor or agent whose client reported it; session-service checks they take part
 * @param delivered the highest seq the client has received, or null
 * @param read the highest seq the client has shown to the person, or null
 * @param sentAt when the gateway received the frame
 */
public record ReportReceipt(
        UUID conversationId,
        ParticipantKind side,
        UUID actorId,
        @Nullable Long delivered,
        @Nullable Long read,
        Instant sentAt) {

    public ReportReceipt {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(sentAt, "sentAt");
        if (delivered != null && delivered < 0 || read != null && read < 0) {
            throw new IllegalArgumentException("delivered and read are seqs, never negative");
        }
        if (delivered == null && read == null) {
            throw new IllegalArgumentException("A receipt carries delivered, read or both");
        }
    }
}
