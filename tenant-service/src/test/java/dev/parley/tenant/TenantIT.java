package dev.parley.tenant;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.testing.ServiceIT;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * tenant-service on the embedded infrastructure, called as the gateway would ({@link #tenants}),
 * with its database at hand for arranging what HTTP cannot (an expired token). Subclasses share
 * one Spring context.
 */
@SpringBootTest(
        classes = TenantApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,tenant-service", "spring.application.name=tenant-service"})
abstract class TenantIT extends ServiceIT.WithInfrastructure {

    @Autowired
    TenantTransactions transactions;

    @Autowired
    DatabaseClient db;

    TenantClient tenants;

    @Override
    protected String serviceName() {
        return TenantApplication.NAME;
    }

    @BeforeEach
    void client() {
        tenants = new TenantClient(http());
    }

    /** A tenant-naming token ({@code prt_…}, {@code prr_…}) as if it were {@code tenantId}'s. */
    static String asTenant(String token, UUID tenantId) {
        byte[] raw = raw(token);
        ByteBuffer.wrap(raw).putLong(tenantId.getMostSignificantBits()).putLong(tenantId.getLeastSignificantBits());
        return encode(token, raw);
    }

    /** The same token with one bit of its secret changed: a guess. */
    static String guessed(String token) {
        byte[] raw = raw(token);
        raw[raw.length - 1] ^= 1;
        return encode(token, raw);
    }

    static byte[] raw(String token) {
        return Base64.getUrlDecoder().decode(token.substring(4));
    }

    private static String encode(String token, byte[] raw) {
        return token.substring(0, 4) + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
