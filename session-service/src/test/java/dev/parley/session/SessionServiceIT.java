package dev.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.testing.ServiceIT;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;

@SpringBootTest(
        classes = SessionApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,session-service", "spring.application.name=session-service"})
class SessionServiceIT extends ServiceIT.WithInfrastructure {

    @Autowired
    TenantTransactions transactions;

    @Autowired
    DatabaseClient db;

    @Override
    protected String serviceName() {
        return SessionApplication.NAME;
    }

    @Test
    void conversationAndMessageTablesAreMigratedAndScopedByTenant() {
        UUID alpha = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID visitor = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        transactions
                .inTenant(alpha, () -> db.sql(
                                "insert into visitor (tenant_id, id, site_id, token_hash)" + " values ($1, $2, $3, $4)")
                        .bind(0, alpha)
                        .bind(1, visitor)
                        .bind(2, site)
                        .bind(3, UUID.randomUUID().toString().getBytes())
                        .then()
                        .then(db.sql("insert into conversation (tenant_id, id, site_id, visitor_id)"
                                        + " values ($1, $2, $3, $4)")
                                .bind(0, alpha)
                                .bind(1, conversation)
                                .bind(2, site)
                                .bind(3, visitor)
                                .then())
                        .then(db.sql("insert into message (tenant_id, conversation_id, seq, id, sender_kind, body)"
                                        + " values ($1, $2, 1, $3, 'VISITOR', 'hello')")
                                .bind(0, alpha)
                                .bind(1, conversation)
                                .bind(2, UUID.randomUUID())
                                .then()))
                .block();

        assertThat(countMessages(alpha)).isEqualTo(1);
        assertThat(countMessages(UUID.randomUUID())).isZero();
    }

    private long countMessages(UUID tenant) {
        return transactions
                .inTenant(tenant, () -> db.sql("select count(*) from message")
                        .map(row -> row.get(0, Long.class))
                        .one())
                .block();
    }
}
