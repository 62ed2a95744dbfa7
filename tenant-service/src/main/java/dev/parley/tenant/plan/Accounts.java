package dev.parley.tenant.plan;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Rows;
import dev.parley.tenant.snapshot.TenantSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A tenant's standing: its plan, status (the contract's {@code TenantUpdated.Status}), when its
 * trial ends, and the seats it uses. Ends trials that ran out: such a tenant becomes {@code
 * EXPIRED}, its snapshot says so, and every widget of it then offers the offline form.
 */
@Component
public class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final TenantTransactions transactions;
    private final DatabaseClient db;
    private final TenantSnapshots snapshots;
    private final Clock clock;

    Accounts(TenantTransactions transactions, DatabaseClient db, TenantSnapshots snapshots) {
        this.transactions = transactions;
        this.db = db;
        this.snapshots = snapshots;
        this.clock = Clock.systemUTC();
    }

    /**
     * @param trialEndsAt while on the trial; null on a paid plan
     * @param seatsUsed active console users, owners included, and pending invitations (deactivated users hold none)
     */
    public record Account(
            UUID tenantId,
            String name,
            Plan plan,
            String status,
            @Nullable Instant trialEndsAt,
            int seatsUsed) {}

    public Mono<Account> account(UUID tenantId) {
        return transactions.inTenant(tenantId, () -> read(tenantId, false));
    }

    /** Raises 409 {@code seat_limit_reached} when the tenant has as many users as its plan allows. In the caller's transaction. */
    public Mono<Void> requireSeat(UUID tenantId) {
        // The tenant row locked first: two adds at once take the last seat one after the other.
        return read(tenantId, true)
                .flatMap(account -> account.seatsUsed() < account.plan().seats()
                        ? Mono.<Void>empty()
                        : Mono.error(ApiException.conflict(
                                "seat_limit_reached",
                                "The " + account.plan().name() + " plan has "
                                        + account.plan().seats()
                                        + " seats, all in use: choose a bigger plan or remove a user")));
    }

    /** Moves every tenant whose trial ended by now to {@code EXPIRED}; the ids moved. */
    public Flux<UUID> expireTrials() {
        Instant now = clock.instant();
        return db.sql("select trials_ended as id from trials_ended($1)")
                .bind(0, now)
                .map(row -> Rows.get(row, "id", UUID.class))
                .all()
                .concatMap(tenantId -> transactions
                        .inTenant(tenantId, () -> expire(tenantId, now))
                        .onErrorResume(failure -> {
                            log.warn("trial of tenant {} not ended: {}", tenantId, failure.toString());
                            return Mono.empty();
                        }));
    }

    private Mono<UUID> expire(UUID tenantId, Instant now) {
        return db.sql("update tenant set status = 'EXPIRED'"
                        + " where id = $1 and status = 'TRIAL' and trial_ends_at <= $2")
                .bind(0, tenantId)
                .bind(1, now)
                .fetch()
                .rowsUpdated()
                // Someone chose a plan since the lookup: nothing to end.
                .filter(updated -> updated > 0)
                .flatMap(updated -> snapshots.publish(tenantId).thenReturn(tenantId))
                .doOnNext(id -> log.info("trial of tenant {} ended; it now takes no chats", id));
    }

    private Mono<Account> read(UUID tenantId, boolean lock) {
        return db.sql("select name, plan, status, trial_ends_at from tenant where id = $1"
                        + (lock ? " for update" : ""))
                .bind(0, tenantId)
                .map(row -> new Header(
                        Rows.get(row, "name", String.class),
                        Rows.get(row, "plan", String.class),
                        Rows.get(row, "status", String.class),
                        row.get("trial_ends_at", Instant.class)))
                .one()
                .flatMap(header -> seatsTaken(tenantId)
                        .map(seats -> new Account(
                                tenantId,
                                header.name(),
                                Plans.of(header.plan()),
                                header.status(),
                                header.status().equals("TRIAL")
                                                || header.status().equals("EXPIRED")
                                        ? header.trialEndsAt()
                                        : null,
                                seats)));
    }

    /** Active users, and invitations still pending: each holds a seat; a deactivated user does not. */
    private Mono<Integer> seatsTaken(UUID tenantId) {
        return db.sql("select (select count(*) from app_user where tenant_id = $1 and deactivated_at is null)"
                        + " + (select count(*) from invitation where tenant_id = $1 and accepted_at is null"
                        + " and revoked_at is null and expires_at > now()) as n")
                .bind(0, tenantId)
                .map(row -> Rows.get(row, "n", Long.class).intValue())
                .one();
    }

    private record Header(
            String name,
            String plan,
            String status,
            @Nullable Instant trialEndsAt) {}
}
