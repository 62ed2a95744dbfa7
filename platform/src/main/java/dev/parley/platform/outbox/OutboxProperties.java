package dev.parley.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay.
 *
 * @param relayEnabled whether this instance runs a relay; several may, only one publishes at a time
 * @param pollInterval how often the relay looks for rows written by other instances or left by a
 *     failed attempt; rows written here are published at once, without waiting for a poll
 * @param batchSize how many rows one relay transaction publishes at most
 * @param batchedDelay how long an event written {@link Outbox.Latency#BATCHED} may wait for others to
 *     leave with: one relay round per this interval instead of one per transaction, for events
 *     nothing waits on within milliseconds (messages posted: reports, not delivery)
 */
@ConfigurationProperties("parley.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("100ms") Duration batchedDelay) {}
