package dev.parley.tenant.auth;

import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Rows;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Opaque, rotating, revocable refresh tokens: what keeps a console user signed in for a shift
 * while access tokens stay short.
 *
 * <p>A token is a {@link SecretTokens} with the prefix {@code prt_}. Each exchange marks the token
 * used and issues its successor in the same family, good for the full lifetime again (a sliding
 * window: an agent who works is never logged out, one who left is after the lifetime). A token
 * presented after it was exchanged is a copy in someone else's hands: the whole family is revoked,
 * so the thief and the owner both sign in again. Logging out revokes the family.
 *
 * <p>All methods run inside the caller's tenant transaction.
 */
@Component
public class RefreshTokens {

    private static final String PREFIX = "prt_";

    private final DatabaseClient db;
    private final AuthProperties properties;
    private final Clock clock = Clock.systemUTC();

    public RefreshTokens(DatabaseClient db, AuthProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /** A token to hand out once, and how many seconds it lives. */
    public record RefreshToken(String token, long expiresIn) {}

    /** What an exchange found: the user to sign in again, or why not. */
    public record Exchange(
            @Nullable UUID userId,
            @Nullable UUID familyId,
            @Nullable ApiException refused) {}

    /** Reads a presented token, or raises 401 {@code invalid_refresh_token} for anything that is not one. */
    static SecretTokens.Presented parse(@Nullable String token) {
        return SecretTokens.parse(PREFIX, token).orElseThrow(RefreshTokens::invalid);
    }

    /** Starts a family (a login) when {@code familyId} is null, or continues one (an exchange). */
    public Mono<RefreshToken> issue(UUID tenantId, UUID userId, @Nullable UUID familyId) {
        SecretTokens.Minted minted = SecretTokens.mint(PREFIX, tenantId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(properties.refreshTokenLifetime());
        return db.sql("insert into refresh_token (tenant_id, id, family_id, user_id, secret_hash, issued_at,"
                        + " expires_at) values ($1, $2, $3, $4, $5, $6, $7)")
                .bind(0, tenantId)
                .bind(1, minted.id())
                .bind(2, familyId == null ? minted.id() : familyId)
                .bind(3, userId)
                .bind(4, minted.hash())
                .bind(5, now)
                .bind(6, expires)
                .then()
                .thenReturn(new RefreshToken(
                        minted.token(), properties.refreshTokenLifetime().toSeconds()));
    }

    /**
     * Uses up {@code presented}: marks it used and answers whose it is, or refuses it. A reuse
     * revokes its family here and is answered as a refusal, not an error, so that the caller's
     * transaction commits the revocation.
     */
    public Mono<Exchange> use(SecretTokens.Presented presented) {
        return db.sql("select family_id, user_id, secret_hash, expires_at, used_at, revoked_at from refresh_token"
                        + " where tenant_id = $1 and id = $2 for update")
                .bind(0, presented.tenantId())
                .bind(1, presented.id())
                .map(row -> new Stored(
                        Rows.get(row, "family_id", UUID.class),
                        Rows.get(row, "user_id", UUID.class),
                        Rows.get(row, "secret_hash", byte[].class),
                        Rows.get(row, "expires_at", Instant.class),
                        row.get("used_at", Instant.class),
                        row.get("revoked_at", Instant.class)))
                .one()
                .filter(stored -> presented.matches(stored.secretHash()))
                .flatMap(stored -> {
                    if (stored.revokedAt() != null) {
                        return Mono.just(refused(revoked()));
                    }
                    if (stored.usedAt() != null) {
                        return revokeFamily(presented.tenantId(), stored.familyId())
                                .thenReturn(refused(revoked()));
                    }
                    if (!stored.expiresAt().isAfter(clock.instant())) {
                        return Mono.just(refused(new ApiException(
                                HttpStatus.UNAUTHORIZED, "refresh_token_expired", "The session has expired")));
                    }
                    return db.sql("update refresh_token set used_at = $3 where tenant_id = $1 and id = $2")
                            .bind(0, presented.tenantId())
                            .bind(1, presented.id())
                            .bind(2, clock.instant())
                            .then()
                            .thenReturn(new Exchange(stored.userId(), stored.familyId(), null));
                })
                .defaultIfEmpty(refused(invalid()));
    }

    /** Logging out: the presented token's whole family, when it is one of ours; nothing otherwise. */
    public Mono<Void> revoke(SecretTokens.Presented presented) {
        return db.sql("update refresh_token r set revoked_at = now() from refresh_token t"
                        + " where t.tenant_id = $1 and t.id = $2 and t.secret_hash = $3"
                        + " and r.tenant_id = t.tenant_id and r.family_id = t.family_id and r.revoked_at is null")
                .bind(0, presented.tenantId())
                .bind(1, presented.id())
                .bind(2, presented.hash())
                .then();
    }

    /** Every session of the user ends (a new password was set). */
    public Mono<Void> revokeAll(UUID tenantId, UUID userId) {
        return revokeWhere("user_id", tenantId, userId);
    }

    private Mono<Void> revokeFamily(UUID tenantId, UUID familyId) {
        return revokeWhere("family_id", tenantId, familyId);
    }

    /** Revokes the tenant's live tokens whose {@code column} (a constant, never input) is {@code value}. */
    private Mono<Void> revokeWhere(String column, UUID tenantId, UUID value) {
        return db.sql("update refresh_token set revoked_at = now() where tenant_id = $1 and " + column
                        + " = $2 and revoked_at is null")
                .bind(0, tenantId)
                .bind(1, value)
                .then();
    }

    private record Stored(
            UUID familyId,
            UUID userId,
            byte[] secretHash,
            Instant expiresAt,
            @Nullable Instant usedAt,
            @Nullable Instant revokedAt) {}

    private static Exchange refused(ApiException refused) {
        return new Exchange(null, null, refused);
    }

    static ApiException invalid() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_refresh_token", "Not a valid session; log in again");
    }

    private static ApiException revoked() {
        return new ApiException(
                HttpStatus.UNAUTHORIZED, "refresh_token_revoked", "The session has ended; log in again");
    }
}
