package dev.parley.tenant.user;

import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Constraints;
import dev.parley.tenant.Rows;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code app_user} and {@code user_department} tables, always named with the tenant on top of
 * row-level security. Runs inside the caller's tenant transaction.
 */
@Component
public class Users {

    /** A user with the departments they belong to, in one row. */
    private static final String SELECT = """
            select u.id, u.email, u.display_name, u.roles, u.max_chats, u.created_at, u.deactivated_at,
                   array_remove(array_agg(m.department_id::text order by m.department_id), null) as department_ids
            from app_user u
            left join user_department m on m.tenant_id = u.tenant_id and m.user_id = u.id
            """;

    private final DatabaseClient db;

    public Users(DatabaseClient db) {
        this.db = db;
    }

    public Flux<User> all(UUID tenantId) {
        return db.sql(SELECT + " where u.tenant_id = $1 group by u.tenant_id, u.id order by u.created_at, u.id")
                .bind(0, tenantId)
                .map(Users::user)
                .all();
    }

    public Mono<User> find(UUID tenantId, UUID userId) {
        return db.sql(SELECT + " where u.tenant_id = $1 and u.id = $2 group by u.tenant_id, u.id")
                .bind(0, tenantId)
                .bind(1, userId)
                .map(Users::user)
                .one();
    }

    /**
     * Stores the user and their departments, which the caller has checked are the tenant's (the
     * composite foreign keys would refuse another tenant's anyway). 409 {@code email_taken} when any
     * tenant has an account with that email: the unique index spans tenants.
     */
    public Mono<User> insert(UUID tenantId, NewUser user) {
        Mono<Void> account = db.sql("insert into app_user (tenant_id, id, email, display_name, password_hash, roles,"
                        + " max_chats, email_verified_at) values ($1, $2, $3, $4, $5, $6, $7,"
                        + " case when $8 then now() end)")
                .bind(0, tenantId)
                .bind(1, user.id())
                .bind(2, user.email())
                .bind(3, user.displayName())
                .bind(4, user.passwordHash())
                .bind(5, user.roles().toArray(String[]::new))
                .bind(6, user.maxChats())
                .bind(7, user.emailVerified())
                .then()
                .onErrorMap(
                        failure -> Constraints.violated(failure, "app_user_email"),
                        failure -> ApiException.conflict("email_taken", "An account with this email exists already"));
        Mono<Void> memberships = user.departmentIds().isEmpty()
                ? Mono.empty()
                : db.sql("insert into user_department (tenant_id, user_id, department_id)"
                                + " select $1, $2, unnest($3::uuid[])")
                        .bind(0, tenantId)
                        .bind(1, user.id())
                        .bind(
                                2,
                                user.departmentIds().stream()
                                        .map(UUID::toString)
                                        .toArray(String[]::new))
                        .then();
        return account.then(memberships).then(find(tenantId, user.id()));
    }

    /** Replaces the user's password hash (a reset). */
    public Mono<Void> setPasswordHash(UUID tenantId, UUID userId, String passwordHash) {
        return db.sql("update app_user set password_hash = $3 where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, userId)
                .bind(2, passwordHash)
                .then();
    }

    /** Whether the user confirmed their address (false for no such user). */
    public Mono<Boolean> isVerified(UUID tenantId, UUID userId) {
        return db.sql("select email_verified_at is not null as verified from app_user where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, userId)
                .map(row -> Rows.get(row, "verified", Boolean.class))
                .one()
                .defaultIfEmpty(false);
    }

    /** Marks the user's address as confirmed (the e-mailed link was followed); the first time counts. */
    public Mono<Void> markVerified(UUID tenantId, UUID userId) {
        return db.sql("update app_user set email_verified_at = coalesce(email_verified_at, now())"
                        + " where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, userId)
                .then();
    }

    /** Changes what an admin may change of a user; the departments are replaced as a whole when given. */
    public Mono<Void> update(
            UUID tenantId,
            UUID userId,
            String displayName,
            List<String> roles,
            int maxChats,
            List<UUID> departmentIds) {
        Mono<Void> account = db.sql("update app_user set display_name = $3, roles = $4, max_chats = $5"
                        + " where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, userId)
                .bind(2, displayName)
                .bind(3, roles.toArray(String[]::new))
                .bind(4, maxChats)
                .then();
        Mono<Void> memberships = db.sql("delete from user_department where tenant_id = $1 and user_id = $2"
                        + " and department_id <> all($3::uuid[])")
                .bind(0, tenantId)
                .bind(1, userId)
                .bind(2, ids(departmentIds))
                .then()
                .then(db.sql("insert into user_department (tenant_id, user_id, department_id)"
                                + " select $1, $2, unnest($3::uuid[]) on conflict do nothing")
                        .bind(0, tenantId)
                        .bind(1, userId)
                        .bind(2, ids(departmentIds))
                        .then());
        return account.then(memberships);
    }

    /** Deactivates (keeping the first time) or reactivates the user. */
    public Mono<Void> setActive(UUID tenantId, UUID userId, boolean active) {
        return db.sql("update app_user set deactivated_at = case when $3 then null"
                        + " else coalesce(deactivated_at, now()) end where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, userId)
                .bind(2, active)
                .then();
    }

    /**
     * Deletes the user, keeping only their name as a former user for the history's sake; their
     * sessions, links, memberships and own canned responses go with them (cascading keys).
     */
    public Mono<Void> delete(UUID tenantId, UUID userId) {
        return db.sql("insert into former_user (tenant_id, id, display_name)"
                        + " select tenant_id, id, display_name from app_user where tenant_id = $1 and id = $2"
                        + " on conflict do nothing")
                .bind(0, tenantId)
                .bind(1, userId)
                .then()
                .then(db.sql("delete from app_user where tenant_id = $1 and id = $2")
                        .bind(0, tenantId)
                        .bind(1, userId)
                        .then());
    }

    /** How many active owners the tenant has besides {@code userId}. */
    public Mono<Long> otherActiveOwners(UUID tenantId, UUID userId) {
        return db.sql("select count(*) as n from app_user where tenant_id = $1 and id <> $2"
                        + " and 'owner' = any(roles) and deactivated_at is null")
                .bind(0, tenantId)
                .bind(1, userId)
                .map(row -> Rows.get(row, "n", Long.class))
                .one();
    }

    /**
     * Locks the tenant row for the rest of the transaction, so that two changes of its users one
     * after the other (never both) see the last owner.
     */
    public Mono<Void> lockTenant(UUID tenantId) {
        return db.sql("select id from tenant where id = $1 for update")
                .bind(0, tenantId)
                .then();
    }

    private static String[] ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static User user(Readable row) {
        return new User(
                Rows.get(row, "id", UUID.class),
                Rows.get(row, "email", String.class),
                Rows.get(row, "display_name", String.class),
                Rows.strings(row, "roles"),
                Rows.uuids(row, "department_ids"),
                Rows.get(row, "max_chats", Integer.class),
                Rows.get(row, "created_at", Instant.class),
                row.get("deactivated_at", Instant.class));
    }
}
