package dev.parley.tenant.auth;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Rows;
import dev.parley.tenant.auth.AccessTokens.AccessToken;
import dev.parley.tenant.user.Passwords;
import dev.parley.tenant.user.User;
import dev.parley.tenant.user.Users;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

    Login(
            Logins logins,
            Passwords passwords,
            TenantTransactions transactions,
            Users users,
            DatabaseClient db,
            AccessTokens tokens) {
        this.logins = logins;
        this.passwords = passwords;
        this.transactions = transactions;
        this.users = users;
        this.db = db;
        this.tokens = tokens;
    }

    /** Who signed in, and their token. */
    public record LoggedIn(UUID tenantId, User user, AccessToken token) {}

    public static ApiException badCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "bad_credentials", "Wrong email or password");
    }

    public Mono<LoggedIn> login(String email, String password) {
        return logins.find(email)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(login -> passwords
                        .matches(password, login.map(Logins.Login::passwordHash).orElse(null))
                        .flatMap(matches ->
                                matches && login.isPresent() ? Mono.just(login.get()) : Mono.error(badCredentials())))
                .flatMap(login -> transactions
                        .inTenant(login.tenantId(), () -> requireOpen(login.tenantId())
                                .then(users.find(login.tenantId(), login.userId())))
                        // Deleted between the lookup and now: as if it had never been.
                        .switchIfEmpty(Mono.error(Login::badCredentials))
                        .map(user -> new LoggedIn(login.tenantId(), user, tokens.issue(login.tenantId(), user))));
    }

    private Mono<Void> requireOpen(UUID tenantId) {
        return db.sql("select status from tenant where id = $1")
                .bind(0, tenantId)
                .map(row -> Rows.get(row, "status", String.class))
                .one()
                .flatMap(status -> CLOSED.contains(status)
                        ? Mono.error(new ApiException(
                                HttpStatus.FORBIDDEN, "account_closed", "This account is suspended or cancelled"))
                        : Mono.<Void>empty());
    }
}
