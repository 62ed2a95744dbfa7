package dev.parley.routing.offer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an agent has to take an offered chat.
 *
 * @param acceptTimeout how long an offer stands; then it expires, the agent is skipped for that
 *     conversation and it is offered to the next eligible agent
 * @param sweepInterval how often every instance looks for expired offers; an offer expires at most
 *     this much late
 * @param sweepBatch how many tenants with expired offers one sweep handles; the rest wait for the
 *     next sweep, so a backlog never makes one sweep hold the database for long
 */
@ConfigurationProperties("parley.routing.offer")
public record OfferProperties(
        @DefaultValue("30s") Duration acceptTimeout,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("100") int sweepBatch) {}
