package dev.parley.session.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.session.SessionApplication;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Chats nobody wrote in for the inactivity timeout are closed; fresh ones and queued ones are not. */
@SpringBootTest(
        classes = SessionApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=parley-platform,session-service",
            "spring.application.name=session-service",
            "parley.session.inactivity-timeout=10m",
            // The test runs the sweep itself.
            "parley.session.inactivity-sweep-interval=1h"
        })
class InactivitySweepIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfrastructure.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    InactivitySweep sweep;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    DatabaseClient db;

    @Test
    void closesAssignedChatsSilentLongerThanTheTimeoutOnly() {
        UUID tenant = UUID.randomUUID();
        Instant longAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        UUID stale = conversation(tenant, "ACTIVE", longAgo);
        UUID fresh = conversation(tenant, "ACTIVE", Instant.now());
        UUID waiting = conversation(tenant, "QUEUED", longAgo);

        sweep.sweep().block();

        assertThat(state(tenant, stale)).isEqualTo("CLOSED INACTIVE");
        assertThat(state(tenant, fresh)).isEqualTo("ACTIVE null");
        assertThat(state(tenant, waiting))
                .as("a visitor still waiting is not 'inactive'")
                .isEqualTo("QUEUED null");
        Long announced = db.sql(
                        "select count(*) from outbox where aggregate_id = $1 and type = 'chat.conversation.closed.v1'")
                .bind(0, stale.toString())
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
        assertThat(announced).isEqualTo(1);
    }

    private UUID conversation(UUID tenant, String state, Instant lastActivity) {
        UUID visitor = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        transactions
                .inTenant(tenant, () -> db.sql(
                                "insert into visitor (tenant_id, id, site_id, token_hash) values ($1, $2, $3, $4)")
                        .bind(0, tenant)
                        .bind(1, visitor)
                        .bind(2, site)
                        .bind(3, UUID.randomUUID().toString().getBytes())
                        .then()
                        .then(db.sql(
                                        "insert into conversation (tenant_id, id, site_id, visitor_id, state, last_activity_at)"
                                                + " values ($1, $2, $3, $4, $5, $6)")
                                .bind(0, tenant)
                                .bind(1, conversation)
                                .bind(2, site)
                                .bind(3, visitor)
                                .bind(4, state)
                                .bind(5, lastActivity)
                                .then()))
                .block();
        return conversation;
    }

    private String state(UUID tenant, UUID conversation) {
        return transactions
                .inTenant(tenant, () -> db.sql(
                                "select state, close_reason from conversation where tenant_id = $1 and id = $2")
                        .bind(0, tenant)
                        .bind(1, conversation)
                        .map(row -> row.get("state", String.class) + " " + row.get("close_reason", String.class))
                        .one())
                .block();
    }
}
