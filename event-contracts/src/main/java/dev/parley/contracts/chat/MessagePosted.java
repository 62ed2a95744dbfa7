package dev.parley.contracts.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message was stored in a conversation. Published after the transaction that numbered it committed, so
 * {@code seq} is final.
 *
 * @param seq 1, 2, 3… per conversation without gaps: readers order by it and detect what they missed
 * @param clientMessageId the id the sending client chose, by which retries are de-duplicated; a string
 *     because clients make it up, and absent for {@link ParticipantKind#SYSTEM} messages
 * @param senderId the visitor's or agent's id; absent for {@link ParticipantKind#SYSTEM}
 * @param text as stored: card numbers are already redacted; always render it as text, never as HTML
 */
public record MessagePosted(
        UUID conversationId,
        UUID messageId,
        long seq,
        @Nullable String clientMessageId,
        ParticipantKind senderKind,
        @Nullable UUID senderId,
        Visibility visibility,
        String text,
        Instant postedAt) {

    public MessagePosted {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderKind, "senderKind");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(postedAt, "postedAt");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, got " + seq);
        }
    }
}
