package dev.parley.routing.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How routing tells who is online.
 *
 * @param timeout how long a connection counts after it was last heard from. The gateway repeats a
 *     live socket's presence about every 10 seconds; a node that dies sends nothing more, so its
 *     agents drop out once this has passed. Three heartbeats by default, so one lost heartbeat
 *     does not take an agent offline.
 */
@ConfigurationProperties("parley.routing.presence")
public record PresenceProperties(@DefaultValue("30s") Duration timeout) {}
