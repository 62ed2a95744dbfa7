package dev.parley.contracts.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Command: store a message in a conversation. The gateway sends it for a participant's socket;
 * session-service checks that the sender may write there, numbers the message and publishes it.
 *
 * @param clientMessageId chosen by the sending client; a retry carries the same one and is stored once
 * @param visibility {@link Visibility#AGENTS} for whispers and private notes; only agents may send those
 * @param sentAt when the gateway received the frame
 */
public record SendMessage(
        UUID conversationId,
        String clientMessageId,
        ParticipantKind senderKind,
        UUID senderId,
        Visibility visibility,
        String text,
        Instant sentAt) {

    public SendMessage {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        Objects.requireNonNull(senderKind, "senderKind");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
