package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The service boots (the base class checks health and metrics) and its last wall holds. */
class RoutingServiceIT extends RoutingIT {

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
