package dev.parley.tenant.auth;

import dev.parley.tenant.Rows;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one lookup in this service that does not start from a tenant: a login names an email only.
 * It goes through the {@code find_login} database function (migration V2), which may read every
 * tenant's users while the app role itself may not, and returns no more than a password check needs.
 */
@Component
class Logins {

    private final DatabaseClient db;

    Logins(DatabaseClient db) {
        this.db = db;
    }

    /** The account a password is checked against. */
    record Login(UUID tenantId, UUID userId, String passwordHash) {}

    /** The account with {@code email} in any case, or empty. */
    Mono<Login> find(String email) {
        return db.sql("select tenant_id, user_id, password_hash from find_login($1)")
                .bind(0, email)
                .map(row -> new Login(
                        Rows.get(row, "tenant_id", UUID.class),
                        Rows.get(row, "user_id", UUID.class),
                        Rows.get(row, "password_hash", String.class)))
                .one();
    }
}
