package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.testing.ServiceIT;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

@SpringBootTest(
        classes = RoutingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,routing-service", "spring.application.name=routing-service"})
class RoutingServiceIT extends ServiceIT.WithInfrastructure {

    @Autowired
    TenantTransactions transactions;

    @Autowired
    DatabaseClient db;

    @Override
    protected String serviceName() {
        return RoutingApplication.NAME;
    }

    @Test
    void agentTableIsMigratedAndRefusesMoreChatsThanCapacity() {
        UUID tenant = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        transactions
                .inTenant(tenant, () -> db.sql("insert into agent (tenant_id, id, max_chats) values ($1, $2, 2)")
                        .bind(0, tenant)
                        .bind(1, agent)
                        .then())
                .block();

        Mono<Long> overCapacity = transactions.inTenant(
                tenant, () -> db.sql("update agent set active_chats = 3 where tenant_id = $1 and id = $2")
                        .bind(0, tenant)
                        .bind(1, agent)
                        .fetch()
                        .rowsUpdated());

        assertThatThrownBy(overCapacity::block).hasMessageContaining("check constraint");
        Long agentsSeenByAnotherTenant = transactions
                .inTenant(UUID.randomUUID(), () -> db.sql("select count(*) from agent")
                        .map(row -> row.get(0, Long.class))
                        .one())
                .block();
        assertThat(agentsSeenByAnotherTenant).isZero();
    }
}
