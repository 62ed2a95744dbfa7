package dev.parley.routing.assignment;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An answered conversation and the agent who owns it, with what a transfer back into a queue needs.
 *
 * @param enqueuedAt when its visitor began waiting: kept when the chat goes back to a queue because its agent left
 */
record Assignment(
        UUID conversationId,
        UUID agentId,
        UUID departmentId,
        UUID visitorId,
        String visitorName,
        Map<String, String> answers,
        @Nullable String pageUrl,
        Instant assignedAt,
        Instant enqueuedAt) {

    Assignment {
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }
}
