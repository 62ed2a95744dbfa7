package dev.parley.session.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.session.SessionIT;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Chats nobody wrote in for the inactivity timeout are closed; fresh ones and queued ones are not. */
@TestPropertySource(
        properties = {
            "parley.session.inactivity-timeout=10m",
            // The test runs the sweep itself.
            "parley.session.inactivity-sweep-interval=1h"
        })
class InactivitySweepIT extends SessionIT {

    @Autowired
    InactivitySweep sweep;

    @Test
    void closesAssignedChatsSilentLongerThanTheTimeoutOnly() {
        UUID tenant = UUID.randomUUID();
        Instant longAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        UUID stale = conversation(tenant, "ACTIVE", longAgo, null);
        UUID fresh = conversation(tenant, "ACTIVE", Instant.now(), null);
        UUID waiting = conversation(tenant, "QUEUED", longAgo, null);

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
