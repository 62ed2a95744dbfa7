package dev.parley.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.testing.ServiceIT;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;

@SpringBootTest(
        classes = AnalyticsApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=parley-platform,analytics-service",
            "spring.application.name=analytics-service"
        })
class AnalyticsServiceIT extends ServiceIT.WithInfrastructure {

    @Autowired
    TenantTransactions transactions;

    @Autowired
    DatabaseClient db;

    @Override
    protected String serviceName() {
        return AnalyticsApplication.NAME;
    }

    @Test
    void rollupTableIsMigratedAndScopedByTenant() {
        UUID tenant = UUID.randomUUID();
        transactions
                .inTenant(tenant, () -> db.sql("insert into chat_hour (tenant_id, department_id, hour, chats)"
                                + " values ($1, $2, date_trunc('hour', now()), 1)")
                        .bind(0, tenant)
                        .bind(1, UUID.randomUUID())
                        .then())
                .block();

        Long chats = transactions
                .inTenant(tenant, () -> db.sql("select sum(chats) from chat_hour")
                        .map(row -> row.get(0, Long.class))
                        .one())
                .block();
        Long rowsOfOthers = transactions
                .inTenant(UUID.randomUUID(), () -> db.sql("select count(*) from chat_hour")
                        .map(row -> row.get(0, Long.class))
                        .one())
                .block();

        assertThat(chats).isEqualTo(1);
        assertThat(rowsOfOthers).isZero();
    }
}
