package dev.parley.tenant.auth;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Rows;
import dev.parley.tenant.auth.AccessTokens.AccessToken;
import dev.parley.tenant.auth.RefreshTokens.RefreshToken;
import dev.parley.tenant.plan.Plans;
import dev.parley.tenant.user.Passwords;
import dev.parley.tenant.user.User;
import dev.parley.tenant.user.Users;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks an email and password and issues an access token. An unknown email and a wrong password
 * get the same answer after the same work (one Argon2 check), so that neither the answer nor its
 * time tells whether an account exists.
 */
@Component
public class Login {

    /** Tenants whose users may not sign in (the contract's "not served"). */
    private static final Set<String> CLOSED = Set.of("SUSPENDED", "CANCELLED");

    private final Logins logins;
    private final Passwords passwords;
    private final TenantTransactions transactions;
    private final Users users;
    private final DatabaseClient db;
    private final AccessTokens tokens;
    private final RefreshTokens refreshTokens;
    private final AuthRateLimits limits;

    Login(
            Logins logins,
            Passwords passwords,
            TenantTransactions transactions,
            Users users,
            DatabaseClient db,
            AccessTokens tokens,
            RefreshTokens refreshTokens,
            AuthRateLimits limits) {
        this.logins = logins;
        this.passwords = passwords;
        this.transactions = transactions;
        this.users = users;
        this.db = db;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.limits = limits;
    }

    /** Who signed in, their access token, and the refresh token that gets the next one. */
    public record LoggedIn(UUID tenantId, User user, AccessToken token, RefreshToken refresh) {}

    public static ApiException badCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "bad_credentials", "Wrong email or password");
    }

    public Mono<LoggedIn> login(String email, String password) {
        return Mono.fromRunnable(() -> limits.checkLogin(email))
                .then(logins.find(email))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(login -> passwords
                        .matches(password, login.map(Logins.Login::passwordHash).orElse(null))
                        .flatMap(matches ->
                                matches && login.isPresent() ? Mono.just(login.get()) : Mono.error(badCredentials()))
                        .doOnError(failure -> limits.failedLogin(email)))
                .flatMap(login -> transactions
                        .inTenant(login.tenantId(), () -> requireVerified(login.tenantId(), login.userId())
                                .then(signIn(login.tenantId(), login.userId(), null)))
                        // Deleted between the lookup and now: as if it had never been.
                        .switchIfEmpty(Mono.error(Login::badCredentials)));
    }

    /**
     * Exchanges a refresh token for a new access token and its successor. The user is read again,
     * so a role changed since the last token shows in the next; a deleted user's tokens went with
     * them, and a closed tenant's users are refused as at login. A token used twice ends its
     * session (see {@link RefreshTokens}); the revocation commits before the refusal is raised.
     */
    public Mono<LoggedIn> refresh(@Nullable String refreshToken) {
        SecretTokens.Presented presented = RefreshTokens.parse(refreshToken);
        UUID tenantId = presented.tenantId();
        return transactions
                .inTenant(tenantId, () -> refreshTokens.use(presented).flatMap(exchange -> {
                    if (exchange.refused() != null) {
                        return Mono.just(new Refreshed(null, exchange.refused()));
                    }
                    return signIn(tenantId, Objects.requireNonNull(exchange.userId()), exchange.familyId())
                            .map(in -> new Refreshed(in, null))
                            .defaultIfEmpty(new Refreshed(null, RefreshTokens.invalid()));
                }))
                // No such tenant: no row is visible, the same answer as an unknown token.
                .defaultIfEmpty(new Refreshed(null, RefreshTokens.invalid()))
                .flatMap(refreshed -> refreshed.refused() != null
                        ? Mono.error(refreshed.refused())
                        : Mono.just(Objects.requireNonNull(refreshed.in())));
    }

    /** Ends the session the refresh token belongs to; unknown or already ended ones are no error. */
    public Mono<Void> logout(@Nullable String refreshToken) {
        SecretTokens.Presented presented;
        try {
            presented = RefreshTokens.parse(refreshToken);
        } catch (ApiException notOurs) {
            return Mono.empty();
        }
        return transactions.inTenant(presented.tenantId(), () -> refreshTokens.revoke(presented));
    }

    /** Signs in a user who just confirmed their address by the e-mailed link; in the caller's tenant transaction. */
    Mono<LoggedIn> signInConfirmed(UUID tenantId, UUID userId) {
        return signIn(tenantId, userId, null);
    }

    private record Refreshed(
            @Nullable LoggedIn in, @Nullable ApiException refused) {}

    /**
     * The user's tokens, the access token with their plan's features; refused for a closed tenant,
     * empty for a user that no longer exists. In the caller's tenant transaction.
     */
    private Mono<LoggedIn> signIn(UUID tenantId, UUID userId, @Nullable UUID familyId) {
        return openTenant(tenantId).flatMap(tenant -> users.find(tenantId, userId)
                .flatMap(Login::requireActive)
                .flatMap(user -> refreshTokens
                        .issue(tenantId, user.id(), familyId)
                        .map(refresh -> new LoggedIn(
                                tenantId,
                                user,
                                tokens.issue(
                                        tenantId, user, Plans.of(tenant.plan()).features(), tenant.revision()),
                                refresh))));
    }

    /**
     * 403 {@code user_deactivated} for a user an owner or admin deactivated: told only to whoever
     * knows the password (or holds a session, which deactivating revoked anyway).
     */
    private static Mono<User> requireActive(User user) {
        return user.isActive()
                ? Mono.just(user)
                : Mono.error(new ApiException(
                        HttpStatus.FORBIDDEN,
                        "user_deactivated",
                        "This user was deactivated; ask an owner or admin of your team to reactivate you"));
    }

    /**
     * 403 {@code email_not_verified} for an owner who signed up and has not followed the e-mailed
     * link. Only said to whoever knows the password, so it tells a stranger nothing.
     */
    private Mono<Void> requireVerified(UUID tenantId, UUID userId) {
        return users.isVerified(tenantId, userId)
                .flatMap(verified -> verified
                        ? Mono.<Void>empty()
                        : Mono.error(new ApiException(
                                HttpStatus.FORBIDDEN,
                                "email_not_verified",
                                "Confirm your e-mail address first: follow the link we sent you."
                                        + " Signing up again with the same address sends a new one")));
    }

    /**
     * The tenant's plan and snapshot revision, or 403 {@code account_closed} for a suspended or
     * cancelled tenant.
     */
    private Mono<Standing> openTenant(UUID tenantId) {
        return db.sql("select status, plan, revision from tenant where id = $1")
                .bind(0, tenantId)
                .map(row -> new Standing(
                        Rows.get(row, "status", String.class),
                        Rows.get(row, "plan", String.class),
                        Rows.get(row, "revision", Long.class)))
                .one()
                .flatMap(tenant -> CLOSED.contains(tenant.status())
                        ? Mono.error(new ApiException(
                                HttpStatus.FORBIDDEN, "account_closed", "This account is suspended or cancelled"))
                        : Mono.just(tenant));
    }

    private record Standing(String status, String plan, long revision) {}
}
