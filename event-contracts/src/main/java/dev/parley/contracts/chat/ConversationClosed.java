package dev.parley.contracts.chat;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The conversation ended; no message is accepted after it.
 *
 * @param closedBy who ended it
 * @param closedById the visitor's or agent's id; absent when {@link ParticipantKind#SYSTEM} closed it
 */
public record ConversationClosed(
        UUID conversationId,
        ParticipantKind closedBy,
        @Nullable UUID closedById,
        Reason reason,
        Instant closedAt) {

    public ConversationClosed {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(closedBy, "closedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(closedAt, "closedAt");
    }

    /** Why it ended; reports count missed chats from {@link #ABANDONED} and {@link #NO_AGENT}. */
    public enum Reason {
        /** A participant ended the chat after it was answered. */
        ENDED,
        /** The visitor left while waiting, before an agent took it. */
        ABANDONED,
        /** Nobody could take it: no agent online, outside business hours, or the queue timed out. */
        NO_AGENT,
        /** Nobody wrote for longer than the tenant's idle timeout. */
        INACTIVE,
        /** An agent blocked the visitor. */
        BLOCKED,
        /** A value added by a newer writer than this reader. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
