package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.platform.tenant.TenantTransactions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** A Flyway-migrated table read through R2DBC, with row-level security as the second wall. */
class TenantScopedReadIT extends PlatformIT {

    @Autowired
    TenantTransactions transactions;

    @Autowired
    DatabaseClient db;

    @Test
    void aTenantReadsItsOwnRowsOnlyEvenWithAnUnscopedQuery() {
        UUID alpha = UUID.randomUUID();
        UUID beta = UUID.randomUUID();
        insert(alpha, "alpha's note").block();
        insert(beta, "beta's note").block();

        // No "where tenant_id = ..." on purpose: the policy must filter what the code forgot.
        List<String> seenByAlpha = transactions
                .inTenant(alpha, () -> db.sql("select body from note")
                        .map(row -> row.get("body", String.class))
                        .all()
                        .collectList())
                .block();

        assertThat(seenByAlpha).containsExactly("alpha's note");
    }

    @Test
    void outsideATenantTransactionNoRowIsVisible() {
        insert(UUID.randomUUID(), "someone's note").block();

        Long visible = db.sql("select count(*) from note")
                .map(row -> row.get(0, Long.class))
                .one()
                .block();

        assertThat(visible).isZero();
    }

    @Test
    void aTenantCannotWriteARowOfAnotherTenant() {
        UUID alpha = UUID.randomUUID();
        UUID beta = UUID.randomUUID();

        Mono<Long> smuggle = transactions.inTenant(
                alpha, () -> db.sql("insert into note (tenant_id, id, body) values ($1, $2, 'smuggled')")
                        .bind(0, beta)
                        .bind(1, UUID.randomUUID())
                        .fetch()
                        .rowsUpdated());

        assertThatThrownBy(smuggle::block).hasMessageContaining("row-level security");
        Long betaRows = transactions
                .inTenant(beta, () -> db.sql("select count(*) from note")
                        .map(row -> row.get(0, Long.class))
                        .one())
                .block();
        assertThat(betaRows).isZero();
    }

    private Mono<Long> insert(UUID tenant, String body) {
        return transactions.inTenant(tenant, () -> db.sql("insert into note (tenant_id, id, body) values ($1, $2, $3)")
                .bind(0, tenant)
                .bind(1, UUID.randomUUID())
                .bind(2, body)
                .fetch()
                .rowsUpdated());
    }
}
