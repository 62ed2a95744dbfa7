package dev.parley.tenant.rules;

import org.jspecify.annotations.Nullable;

/**
 * How the tenant's chats are handled. Each {@code null} is "not chosen": the service that applies
 * the rule uses its own configured default (routing's accept timeout, session's inactivity
 * timeout; without a ceiling each agent's own {@code maxChats} counts).
 *
 * @param maxChatsPerAgent a ceiling on every agent's own maximum of chats at once, 1 to 50
 * @param acceptTimeoutSeconds how long an offered chat waits for its agent, 5 to 600
 * @param autoCloseMinutes a chat nobody wrote in for this long is closed, 1 to 1440
 */
public record ChatRules(
        @Nullable Integer maxChatsPerAgent,
        @Nullable Integer acceptTimeoutSeconds,
        @Nullable Integer autoCloseMinutes) {

    public static final ChatRules NONE = new ChatRules(null, null, null);
}
