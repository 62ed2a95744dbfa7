package dev.parley.platform.tenant;

import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Runs work in one database transaction for one tenant. The tenant is set transaction-locally
 * ({@code set_config(..., true)}) so that row-level security policies see it and a pooled
 * connection never carries it into the next transaction.
 */
public final class TenantTransactions {

    /** The setting the row-level security policies of every schema compare {@code tenant_id} with. */
    public static final String TENANT_SETTING = "parley.tenant_id";

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    public TenantTransactions(DatabaseClient db, TransactionalOperator transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /** {@code work} in a transaction of {@code tenantId}, also visible to it through {@link TenantContext}. */
    public <T> Mono<T> inTenant(UUID tenantId, Supplier<Mono<T>> work) {
        Mono<T> scoped = db.sql("select set_config('" + TENANT_SETTING + "', $1, true)")
                .bind(0, tenantId.toString())
                .then()
                .then(Mono.defer(work));
        return TenantContext.runAs(tenantId, transactions.transactional(scoped));
    }
}
