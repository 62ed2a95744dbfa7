package dev.parley.session.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Conversation rules.
 *
 * @param inactivityTimeout an assigned or active chat with no message for this long is closed, unless its
 *     tenant chose its own auto-close time in its chat rules
 * @param inactivitySweepInterval how often each instance looks for such chats
 */
@ConfigurationProperties("parley.session")
public record SessionProperties(
        @DefaultValue("30m") Duration inactivityTimeout,
        @DefaultValue("30s") Duration inactivitySweepInterval) {}
