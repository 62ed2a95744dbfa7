package dev.parley.tenant.auth;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.auth.Login.LoggedIn;
import dev.parley.tenant.mail.Mailer;
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
 * Confirming the address an owner signed up with: an e-mailed link ({@code pev_} {@link
 * SecretTokens}, 48 hours, once) that, followed, marks the address confirmed and signs the owner
 * in, straight into onboarding. Until then the account cannot sign in ({@code email_not_verified}).
 *
 * <p>Sign-up answers the same for a new address and a taken one; what differs is the e-mail: a
 * taken address gets a new link if it was never confirmed, else a note that it has an account
 * (with the way to reset its password). So only the owner of the mailbox learns which.
 */
@Component
public class EmailVerifications {

    private static final Logger log = LoggerFactory.getLogger(EmailVerifications.class);
    private static final String PREFIX = "pev_";
    static final Duration LIFETIME = Duration.ofHours(48);
    private static final String VERIFY_SUBJECT = "Confirm your e-mail address for Parley";
    private static final String ACCOUNT_SUBJECT = "Your Parley account";

    private final Logins logins;
    private final TenantTransactions transactions;
    private final DatabaseClient db;
    private final Users users;
    private final Login login;
    private final Mailer mailer;
    private final AuthRateLimits limits;
    private final String consoleUrl;
    private final OneTimeLinks links;

    EmailVerifications(
            Logins logins,
            TenantTransactions transactions,
            DatabaseClient db,
            Users users,
            Login login,
            Mailer mailer,
            AuthRateLimits limits,
            @Value("${parley.console-url:http://localhost:8080/console}") String consoleUrl) {
        this.logins = logins;
        this.transactions = transactions;
        this.db = db;
        this.users = users;
        this.login = login;
        this.mailer = mailer;
        this.limits = limits;
        this.consoleUrl = consoleUrl;
        this.links = new OneTimeLinks(
                db, "email_verification", PREFIX, LIFETIME, EmailVerifications::invalid, EmailVerifications::expired);
    }

    /** Raises 429 once the address was sent three sign-up e-mails this hour. Call before the work. */
    public void allowMail(String email) {
        limits.signupMail(email);
    }

    /** A new link's token for the user; in the caller's tenant transaction. */
    public Mono<String> issue(UUID tenantId, UUID userId) {
        return links.issue(tenantId, userId);
    }

    /** Sends the link of a new account; after the caller's answer, failures only logged. */
    public void sendLink(String email, String token) {
        mailer.send(email, VERIFY_SUBJECT, linkText(token))
                .subscribe(sent -> {}, failure -> log.warn("verification e-mail not sent: {}", failure.toString()));
    }

    /**
     * For an address that has an account already: a new link if it was never confirmed, else a
     * note that it has one. Completes at once; the e-mail follows.
     */
    public void sendForTakenAddress(String email) {
        logins.find(email)
                .flatMap(account -> transactions.inTenant(
                        account.tenantId(), () -> users.isVerified(account.tenantId(), account.userId())
                                .flatMap(verified -> verified
                                        ? Mono.just(new Mail(ACCOUNT_SUBJECT, accountExistsText()))
                                        : issue(account.tenantId(), account.userId())
                                                .map(token -> new Mail(VERIFY_SUBJECT, linkText(token))))))
                .flatMap(mail -> mailer.send(email, mail.subject(), mail.text()))
                .subscribe(sent -> {}, failure -> log.warn("sign-up e-mail not sent: {}", failure.toString()));
    }

    private record Mail(String subject, String text) {}

    /**
     * Confirms the address with the e-mailed token and signs its user in; 400 {@code
     * invalid_verification_token} or {@code verification_token_expired}.
     */
    public Mono<LoggedIn> confirm(@Nullable String token) {
        SecretTokens.Presented presented = links.parse(token);
        UUID tenantId = presented.tenantId();
        return transactions
                .inTenant(tenantId, () -> links.use(presented).flatMap(userId -> users.markVerified(tenantId, userId)
                        .then(login.signInConfirmed(tenantId, userId))))
                .switchIfEmpty(Mono.error(EmailVerifications::invalid));
    }

    private String linkText(String token) {
        return "Welcome to Parley!\n\n"
                + "Confirm your e-mail address to start your 14-day trial (the link works for 48 hours):\n"
                + consoleUrl + "#verify=" + token + "\n\n"
                + "If you did not sign up for Parley, ignore this e-mail: nothing happens without the link.\n";
    }

    private String accountExistsText() {
        return "Someone, hopefully you, tried to sign up for Parley with this address, which has an account"
                + " already.\n\nSign in here: " + consoleUrl + "\n"
                + "Forgot the password? Choose \"Forgot password?\" there.\n\n"
                + "If it was not you, ignore this e-mail: nothing has changed.\n";
    }

    private static ApiException expired() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "verification_token_expired",
                "This link has expired; sign up again with the same address for a new one");
    }

    private static ApiException invalid() {
        return new ApiException(
                HttpStatus.BAD_REQUEST, "invalid_verification_token", "This link is not valid or was used already");
    }
}
