package dev.parley.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deactivating a user reaches every gateway node through the tenant snapshot: the user's sockets
 * on both nodes close with 4401 {@code access_revoked} within 5 s, and their access token, still
 * within its 15 minutes, opens no socket and calls no endpoint any more. Deleting does the same.
 */
class UserDeactivationIT {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private final Parley parley = Parley.get();

    @Test
    void aDeactivatedAgentsSocketsCloseWithinFiveSecondsOnEveryNodeAndTheirTokenStopsWorking() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP");
        Tenant.Login agent = parley.addAgent(tenant, "Dee Parting", tenant.departmentId());
        String token = parley.token(agent);
        String owner = parley.token(tenant.owner());
        String path = "/ws/agent?access_token=" + Parley.encode(token);
        ChatSocket onA = ChatSocket.open(Parley.wsUrl(parley.gatewayA, path), null);
        ChatSocket onB = ChatSocket.open(Parley.wsUrl(parley.gatewayB, path), null);
        ChatSocket colleague = ChatSocket.open(
                Parley.wsUrl(
                        parley.gatewayB,
                        "/ws/agent?access_token=" + parley.token(tenant.agents().getFirst())),
                null);

        parley.ok(
                "POST",
                parley.gatewayA + "/api/tenant/users/" + agent.userId() + "/deactivate",
                Map.of(),
                Parley.bearer(owner));

        assertThat(onA.awaitClose(PROMPTLY)).isEqualTo(4401);
        assertThat(onA.closeReason()).isEqualTo("access_revoked");
        assertThat(onB.awaitClose(PROMPTLY)).isEqualTo(4401);
        // A reconnect with the same, still valid token is refused the same way, on either node.
        try (ChatSocket again = ChatSocket.upgrade(Parley.wsUrl(parley.gatewayB, path))) {
            assertThat(again.awaitClose(PROMPTLY)).isEqualTo(4401);
        }
        Parley.Response call = parley.call("GET", parley.gatewayA + "/api/tenant/users", null, Parley.bearer(token));
        assertThat(call.status()).isEqualTo(401);
        assertThat(call.body().path("code").asString()).isEqualTo("access_revoked");
        Parley.Response login = parley.call(
                "POST",
                parley.gatewayA + "/api/tenant/auth/login",
                Map.of("email", agent.email(), "password", agent.password()),
                Map.of());
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.body().path("code").asString()).isEqualTo("user_deactivated");
        // Nobody else's socket was touched.
        colleague.send(Map.of("type", "ping"));
        colleague.awaitType("pong");
        colleague.close();

        parley.ok(
                "POST",
                parley.gatewayA + "/api/tenant/users/" + agent.userId() + "/reactivate",
                Map.of(),
                Parley.bearer(owner));
        try (ChatSocket back = ChatSocket.open(
                Parley.wsUrl(parley.gatewayA, "/ws/agent?access_token=" + Parley.encode(parley.token(agent))), null)) {
            parley.ok("DELETE", parley.gatewayA + "/api/tenant/users/" + agent.userId(), null, Parley.bearer(owner));
            assertThat(back.awaitClose(PROMPTLY)).isEqualTo(4401);
        }
    }
}
