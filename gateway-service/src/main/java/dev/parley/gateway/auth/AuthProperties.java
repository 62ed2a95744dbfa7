package dev.parley.gateway.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway checks credentials.
 *
 * @param jwksRefresh how long the tenant-service signing keys are trusted before they are fetched
 *     again (a token with an unknown key id fetches them at once)
 * @param visitorTokenCache how long a checked visitor token is remembered, sparing session-service
 *     a call per request
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(
        @DefaultValue("5m") Duration jwksRefresh,
        @DefaultValue("60s") Duration visitorTokenCache) {}
