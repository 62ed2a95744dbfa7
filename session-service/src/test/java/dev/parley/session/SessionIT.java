package dev.parley.session;

import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.platform.tenant.TenantTransactions;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** session-service without its web server, on the JVM's real infrastructure, with a way to make conversations. */
@SpringBootTest(
        classes = SessionApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=parley-platform,session-service", "spring.application.name=session-service"})
public abstract class SessionIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfrastructure.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    protected TenantTransactions transactions;

    @Autowired
    protected DatabaseClient db;

    /** A visitor of the tenant and their conversation in {@code state}; the conversation's id. */
    protected UUID conversation(UUID tenant, String state, Instant lastActivity, @Nullable UUID department) {
        UUID visitor = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        var insert = db.sql("insert into conversation (tenant_id, id, site_id, visitor_id, state, last_activity_at,"
                        + " department_id) values ($1, $2, $3, $4, $5, $6, $7)")
                .bind(0, tenant)
                .bind(1, conversation)
                .bind(2, site)
                .bind(3, visitor)
                .bind(4, state)
                .bind(5, lastActivity);
        var withDepartment = department == null ? insert.bindNull(6, UUID.class) : insert.bind(6, department);
        transactions
                .inTenant(tenant, () -> db.sql(
                                "insert into visitor (tenant_id, id, site_id, token_hash) values ($1, $2, $3, $4)")
                        .bind(0, tenant)
                        .bind(1, visitor)
                        .bind(2, site)
                        .bind(3, UUID.randomUUID().toString().getBytes())
                        .then()
                        .then(withDepartment.then()))
                .block();
        return conversation;
    }
}
