package dev.parley.contracts.chat;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A visitor asked to chat; routing-service queues the conversation in its department.
 *
 * @param departmentId the visitor's choice, or the site's default department when the survey has no choice:
 *     routing always needs a queue
 * @param preChatAnswers survey field key to answer, in the order the survey asked them, so that the console
 *     shows them as the visitor saw them
 * @param pageUrl the page the visitor started the chat on, when the widget knew it
 */
public record ConversationRequested(
        UUID conversationId,
        UUID visitorId,
        UUID siteId,
        UUID departmentId,
        Map<String, String> preChatAnswers,
        @Nullable String pageUrl,
        Instant requestedAt) {

    public ConversationRequested {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(departmentId, "departmentId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        // Map.copyOf would lose the survey's order.
        preChatAnswers = Collections.unmodifiableMap(new LinkedHashMap<>(preChatAnswers));
    }
}
