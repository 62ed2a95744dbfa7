package dev.parley.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.testing.ServiceIT;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;

@SpringBootTest(
        classes = TenantApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,tenant-service", "spring.application.name=tenant-service"})
class TenantServiceIT extends ServiceIT.WithInfrastructure {

    @Autowired
    TenantTransactions transactions;

    @Autowired
    DatabaseClient db;

    @Override
    protected String serviceName() {
        return TenantApplication.NAME;
    }

    @Test
    void tenantTablesAreMigratedAndEachTenantSeesOnlyItself() {
        UUID alpha = UUID.randomUUID();
        UUID beta = UUID.randomUUID();
        for (UUID tenant : List.of(alpha, beta)) {
            transactions
                    .inTenant(tenant, () -> db.sql("insert into tenant (id, name) values ($1, $2)")
                            .bind(0, tenant)
                            .bind(1, "tenant " + tenant)
                            .then())
                    .block();
        }

        List<UUID> seenByAlpha = transactions
                .inTenant(alpha, () -> db.sql("select id from tenant")
                        .map(row -> row.get("id", UUID.class))
                        .all()
                        .collectList())
                .block();

        assertThat(seenByAlpha).containsExactly(alpha);
    }
}
