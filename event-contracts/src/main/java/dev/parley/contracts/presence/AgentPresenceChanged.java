package dev.parley.contracts.presence;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent's availability changed. Routing offers chats only to {@link Status#ONLINE} agents; reports use
 * the changes for online time.
 */
public record AgentPresenceChanged(UUID agentId, Status status, Instant changedAt) {

    public AgentPresenceChanged {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    public enum Status {
        /** Takes new chats. */
        ONLINE,
        /** Keeps the chats they have, takes no new ones. */
        AWAY,
        OFFLINE,
        /** A value added by a newer writer than this reader; route nothing to such an agent. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
