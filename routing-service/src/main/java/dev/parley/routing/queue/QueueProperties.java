package dev.parley.routing.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How waiting visitors are told how long they will wait.
 *
 * @param defaultWait the wait per position assumed for one agent while a department has no recent
 *     assignments to learn from
 * @param waitMemory how long a department's average wait stays relevant: after a quieter spell than
 *     this the next assignment starts the average afresh instead of blending with an old one
 */
@ConfigurationProperties("parley.routing.queue")
public record QueueProperties(
        @DefaultValue("60s") Duration defaultWait,
        @DefaultValue("1h") Duration waitMemory) {}
