package dev.parley.tenant.auth;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.mail.Mailer;
import dev.parley.tenant.user.Passwords;
import dev.parley.tenant.user.Users;
import java.time.Duration;
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
    private final Passwords passwords;
    private final Mailer mailer;
    private final AuthRateLimits limits;
    private final Users users;
    private final RefreshTokens refreshTokens;
    private final String consoleUrl;
    private final OneTimeLinks links;

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
        this.passwords = passwords;
        this.mailer = mailer;
        this.limits = limits;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.consoleUrl = consoleUrl;
        this.links = new OneTimeLinks(
                db, "password_reset", PREFIX, LIFETIME, PasswordResets::invalid, PasswordResets::expired);
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
                        .inTenant(login.tenantId(), () -> links.issue(login.tenantId(), login.userId()))
                        .flatMap(token -> mailer.send(email, "Set a new Parley password", text(token))))
                .subscribe(
                        sent -> {},
                        failure -> log.warn("password reset for an account not sent: {}", failure.toString()));
        return Mono.empty();
    }

    /** Sets the new password with the e-mailed token, or 400 {@code invalid_reset_token} / {@code reset_token_expired}. */
    public Mono<Void> confirm(@Nullable String token, String newPassword) {
        SecretTokens.Presented presented = links.parse(token);
        UUID tenantId = presented.tenantId();
        return passwords
                .hash(newPassword)
                .flatMap(hash -> transactions.inTenant(tenantId, () -> links.use(presented)
                        .flatMap(userId -> users.setPasswordHash(tenantId, userId, hash)
                                .then(refreshTokens.revokeAll(tenantId, userId)))));
    }

    private String text(String token) {
        return "Someone, hopefully you, asked to set a new password for your Parley account.\n\n"
                + "Set it here within the hour:\n" + consoleUrl + "#reset=" + token + "\n\n"
                + "If it was not you, ignore this e-mail: your password stays as it is.\n";
    }

    private static ApiException invalid() {
        return new ApiException(
                HttpStatus.BAD_REQUEST, "invalid_reset_token", "This link is not valid or was used already");
    }

    private static ApiException expired() {
        return new ApiException(
                HttpStatus.BAD_REQUEST, "reset_token_expired", "This link has expired; ask for a new one");
    }
}
