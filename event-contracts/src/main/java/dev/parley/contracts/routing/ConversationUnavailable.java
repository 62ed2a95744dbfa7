package dev.parley.contracts.routing;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Nobody can take the conversation now; the visitor is told at once and may leave a message. */
public record ConversationUnavailable(UUID conversationId, UUID departmentId, Reason reason, Instant at) {

    public ConversationUnavailable {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(departmentId, "departmentId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    public enum Reason {
        /** No agent of the department is online. */
        NO_AGENT_ONLINE,
        /** The department's queue is at its maximum length. */
        QUEUE_FULL,
        /** Outside the department's business hours. */
        CLOSED,
        /** A value added by a newer writer than this reader. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
