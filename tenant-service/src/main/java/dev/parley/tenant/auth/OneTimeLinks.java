package dev.parley.tenant.auth;

import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Rows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The e-mailed links that act once (a password reset, confirming an address): a {@link
 * SecretTokens} token with its own prefix, stored as a hash in a table of the same shape ({@code
 * tenant_id, id, user_id, secret_hash, expires_at, used_at}), good for a lifetime and once. A
 * forged, another tenant's or used token and an expired one are refused with the caller's codes.
 */
final class OneTimeLinks {

    private final DatabaseClient db;
    private final String table;
    private final String prefix;
    private final Duration lifetime;
    private final Supplier<ApiException> invalid;
    private final Supplier<ApiException> expired;
    private final Clock clock = Clock.systemUTC();

    OneTimeLinks(
            DatabaseClient db,
            String table,
            String prefix,
            Duration lifetime,
            Supplier<ApiException> invalid,
            Supplier<ApiException> expired) {
        this.db = db;
        this.table = table;
        this.prefix = prefix;
        this.lifetime = lifetime;
        this.invalid = invalid;
        this.expired = expired;
    }

    /** The token's parts, or the invalid refusal for anything that is not one of these links. */
    SecretTokens.Presented parse(@Nullable String token) {
        return SecretTokens.parse(prefix, token).orElseThrow(invalid);
    }

    /** A new link's token for the user; in the caller's tenant transaction. */
    Mono<String> issue(UUID tenantId, UUID userId) {
        SecretTokens.Minted minted = SecretTokens.mint(prefix, tenantId);
        return db.sql("insert into " + table + " (tenant_id, id, user_id, secret_hash, expires_at)"
                        + " values ($1, $2, $3, $4, $5)")
                .bind(0, tenantId)
                .bind(1, minted.id())
                .bind(2, userId)
                .bind(3, minted.hash())
                .bind(4, clock.instant().plus(lifetime))
                .then()
                .thenReturn(minted.token());
    }

    /**
     * Uses the link up and gives its user; in the presented tenant's transaction (the row is
     * locked, so a link used twice at once works once).
     */
    Mono<UUID> use(SecretTokens.Presented presented) {
        UUID tenantId = presented.tenantId();
        return db.sql("select user_id, secret_hash, expires_at, used_at from " + table
                        + " where tenant_id = $1 and id = $2 for update")
                .bind(0, tenantId)
                .bind(1, presented.id())
                .map(row -> new Stored(
                        Rows.get(row, "user_id", UUID.class),
                        Rows.get(row, "secret_hash", byte[].class),
                        Rows.get(row, "expires_at", Instant.class),
                        row.get("used_at", Instant.class)))
                .one()
                .filter(stored -> presented.matches(stored.secretHash()) && stored.usedAt() == null)
                .switchIfEmpty(Mono.error(invalid))
                .flatMap(stored -> stored.expiresAt().isAfter(clock.instant())
                        ? db.sql("update " + table + " set used_at = now() where tenant_id = $1 and id = $2")
                                .bind(0, tenantId)
                                .bind(1, presented.id())
                                .then()
                                .thenReturn(stored.userId())
                        : Mono.error(expired.get()));
    }

    private record Stored(
            UUID userId,
            byte[] secretHash,
            Instant expiresAt,
            @Nullable Instant usedAt) {}
}
