package dev.parley.tenant.auth;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Rows;
import dev.parley.tenant.mail.Mailer;
import dev.parley.tenant.user.Passwords;
import dev.parley.tenant.user.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * "Forgot your password?": an e-mail with a link that sets a new one, good for an hour and once.
 *
 * <p>Asking answers the same whether or not the address has an account, and at once: the link is
 * e-mailed after the answer, so neither the answer nor its time tells who has an account. The
 * token is a {@link SecretTokens} with the prefix {@code prr_}, stored as a hash. Setting the new
 * password uses the token up and ends every session of the user (their refresh tokens): whoever
 * knew the old password is signed out too.
 */
@Component
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);
    private static final String PREFIX = "prr_";
    static final Duration LIFETIME = Duration.ofHours(1);

    private final Logins logins;
    private final TenantTransactions transactions;
    private final DatabaseClient db;
    private final Passwords passwords;
    private final Mailer mailer;
    private final AuthRateLimits limits;
    private final Users users;
    private final RefreshTokens refreshTokens;
    private final String consoleUrl;
    private final Clock clock = Clock.systemUTC();

    PasswordResets(
            Logins logins,
            TenantTransactions transactions,
            DatabaseClient db,
            Passwords passwords,
            Mailer mailer,
            AuthRateLimits limits,
            Users users,
            RefreshTokens refreshTokens,
            @Value("${parley.console-url:http://localhost:8080/console}") String consoleUrl) {
        this.logins = logins;
        this.transactions = transactions;
        this.db = db;
        this.passwords = passwords;
        this.mailer = mailer;
        this.limits = limits;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.consoleUrl = consoleUrl;
    }

    /**
     * Starts a reset for {@code email} if it has an account; completes at once either way, or
     * raises 429 once the address asked three times in an hour.
     */
    public Mono<Void> request(String email) {
        // Counted whether or not the address has an account: the 429 must not tell either.
        limits.resetMail(email);
        logins.find(email)
                .flatMap(login -> transactions
                        .inTenant(login.tenantId(), () -> issue(login.tenantId(), login.userId()))
                        .flatMap(token -> mailer.send(email, "Set a new Parley password", text(token))))
                .subscribe(
                        sent -> {},
                        failure -> log.warn("password reset for an account not sent: {}", failure.toString()));
        return Mono.empty();
    }

    /** Sets the new password with the e-mailed token, or 400 {@code invalid_reset_token} / {@code reset_token_expired}. */
    public Mono<Void> confirm(@Nullable String token, String newPassword) {
        SecretTokens.Presented presented = SecretTokens.parse(PREFIX, token).orElseThrow(PasswordResets::invalid);
        return passwords
                .hash(newPassword)
                .flatMap(hash -> transactions.inTenant(presented.tenantId(), () -> db.sql(
                                "select user_id, secret_hash, expires_at, used_at from password_reset"
                                        + " where tenant_id = $1 and id = $2 for update")
                        .bind(0, presented.tenantId())
                        .bind(1, presented.id())
                        .map(row -> new Stored(
                                Rows.get(row, "user_id", UUID.class),
                                Rows.get(row, "secret_hash", byte[].class),
                                Rows.get(row, "expires_at", Instant.class),
                                row.get("used_at", Instant.class)))
                        .one()
                        .filter(stored -> presented.matches(stored.secretHash()) && stored.usedAt() == null)
                        .switchIfEmpty(Mono.error(PasswordResets::invalid))
                        .flatMap(stored -> {
                            if (!stored.expiresAt().isAfter(clock.instant())) {
                                return Mono.error(new ApiException(
                                        HttpStatus.BAD_REQUEST,
                                        "reset_token_expired",
                                        "This link has expired; ask for a new one"));
                            }
                            return setPassword(presented, stored.userId(), hash);
                        })));
    }

    private Mono<Void> setPassword(SecretTokens.Presented presented, UUID userId, String hash) {
        UUID tenantId = presented.tenantId();
        return db.sql("update password_reset set used_at = now() where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, presented.id())
                .then()
                .then(users.setPasswordHash(tenantId, userId, hash))
                .then(refreshTokens.revokeAll(tenantId, userId));
    }

    private Mono<String> issue(UUID tenantId, UUID userId) {
        SecretTokens.Minted minted = SecretTokens.mint(PREFIX, tenantId);
        return db.sql("insert into password_reset (tenant_id, id, user_id, secret_hash, expires_at)"
                        + " values ($1, $2, $3, $4, $5)")
                .bind(0, tenantId)
                .bind(1, minted.id())
                .bind(2, userId)
                .bind(3, minted.hash())
                .bind(4, clock.instant().plus(LIFETIME))
                .then()
                .thenReturn(minted.token());
    }

    private String text(String token) {
        return "Someone, hopefully you, asked to set a new password for your Parley account.\n\n"
                + "Set it here within the hour:\n" + consoleUrl + "#reset=" + token + "\n\n"
                + "If it was not you, ignore this e-mail: your password stays as it is.\n";
    }

    private record Stored(
            UUID userId,
            byte[] secretHash,
            Instant expiresAt,
            @Nullable Instant usedAt) {}

    private static ApiException invalid() {
        return new ApiException(
                HttpStatus.BAD_REQUEST, "invalid_reset_token", "This link is not valid or was used already");
    }
}
