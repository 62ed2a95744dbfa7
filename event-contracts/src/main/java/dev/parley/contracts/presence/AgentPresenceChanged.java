package dev.parley.contracts.presence;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The availability of one of an agent's connections, published by the gateway node holding it when
 * it opens, changes or closes, and again every few seconds while it lives: an agent may be connected
 * from several tabs or nodes, and a node that dies publishes nothing, so routing takes an agent's
 * best live connection and forgets connections it has not heard from for a while. Routing offers
 * chats only to {@link Status#ONLINE} agents; reports use the changes for online time.
 *
 * @param connectionId unique per socket; {@link Status#OFFLINE} for it means that socket closed
 */
public record AgentPresenceChanged(UUID agentId, String connectionId, Status status, Instant changedAt) {

    public AgentPresenceChanged {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(connectionId, "connectionId");
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
