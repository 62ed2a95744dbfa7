package dev.parley.routing.queue;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A conversation waiting for an agent in a department's queue.
 *
 * @param priority higher is served first; among equals, who waited longest
 * @param declinedBy agents who declined it or let its offer expire: it is not offered to them again
 * @param previousAgentId who had it before a transfer to this department
 * @param notifiedPosition the position the visitor was last told, if any
 */
public record QueueEntry(
        UUID conversationId,
        UUID departmentId,
        UUID visitorId,
        String visitorName,
        Map<String, String> answers,
        @Nullable String pageUrl,
        Instant enqueuedAt,
        int priority,
        Set<UUID> declinedBy,
        @Nullable UUID previousAgentId,
        @Nullable Integer notifiedPosition) {

    /** A new visitor's request. */
    public static final int REQUESTED = 0;

    /** A transferred chat: its visitor has waited once already, so it goes before new requests. */
    public static final int TRANSFERRED = 1;

    /**
     * A chat whose agent left the tenant (deactivated, deleted) mid-chat: its visitor was being
     * answered already, so it goes to the front of the queue, before transfers.
     */
    public static final int REQUEUED = 2;

    public QueueEntry {
        // Map.copyOf would lose the survey's order.
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        declinedBy = Set.copyOf(declinedBy);
    }
}
