package dev.parley.routing.assignment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an agent carries now, as capacity counts it.
 *
 * @param activeChats chats assigned to them
 * @param lastAssignedAt when they last got one; never, for someone who has not had a chat yet
 */
record AgentLoad(int activeChats, @Nullable Instant lastAssignedAt) {

    static final AgentLoad IDLE = new AgentLoad(0, null);
}
