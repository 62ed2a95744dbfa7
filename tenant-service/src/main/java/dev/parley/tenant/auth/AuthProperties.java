package dev.parley.tenant.auth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How access tokens are signed and for how long they hold.
 *
 * @param signingKeyPem the RSA private key (PKCS#8 PEM, {@code -----BEGIN PRIVATE KEY-----}, 2048 bits
 *     or more) that signs access tokens. Set it in production, the same on every instance, from a
 *     secret ({@code PARLEY_AUTH_SIGNING_KEY_PEM}): then every instance issues tokens every other
 *     accepts, and tokens survive restarts. When absent a key is generated at start, fine for one
 *     instance in development, but tokens die with it
 * @param accessTokenLifetime how long an access token is accepted; short, because a token is not
 *     checked against the user again until it expires
 * @param issuer the {@code iss} claim, which verifiers require
 * @param refreshTokenLifetime how long a refresh token may be exchanged for a new access token; each
 *     exchange gives a successor good for as long again, so this is how long a session survives
 *     without use: a shift's break, not a shift
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(
        @Nullable String signingKeyPem,
        @DefaultValue("15m") Duration accessTokenLifetime,
        @DefaultValue("parley") String issuer,
        @DefaultValue("12h") Duration refreshTokenLifetime) {}
