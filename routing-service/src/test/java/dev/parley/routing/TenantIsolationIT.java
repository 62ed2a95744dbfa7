package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventTypes;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A tenant's agents cannot touch another tenant's conversations, whatever ids they send. */
class TenantIsolationIT extends RoutingIT {

    @Test
    void commandsOfOneTenantsAgentsLeaveAnotherTenantsConversationsAlone() {
        var shop = new TestTenant();
        UUID shopSales = shop.department("Sales", RoutingMode.OFFER);
        UUID ada = shop.agent("Ada", 3, shopSales);
        var rival = new TestTenant();
        UUID rivalSales = rival.department("Sales", RoutingMode.OFFER);
        UUID bea = rival.agent("Bea", 3, rivalSales);
        publish(shop);
        publish(rival);
        online(shop, ada);
        online(rival, bea);
        FrameRecorder adaHears = agentChannel(shop, ada);
        FrameRecorder beaHears = agentChannel(rival, bea);
        UUID rivals = UUID.randomUUID();
        request(rival, rivals, rivalSales, "Grace");
        eventually().until(() -> !beaHears.ofType("offer").isEmpty());

        // Ada's commands carry her own tenant (the gateway sets it from her token) and the rival's ids.
        accept(shop.id, ada, rivals);
        decline(shop.id, ada, rivals);
        transfer(shop.id, ada, rivals, ada, null);
        transfer(shop.id, ada, rivals, null, shopSales);

        eventually()
                .until(() -> !adaHears.ofType("offer.revoked").isEmpty()
                        && adaHears.ofType("error").size() == 2);
        assertThat(adaHears.ofType("offer.revoked").getFirst().path("reason").asString())
                .isEqualTo("withdrawn");
        assertThat(adaHears.ofType("error"))
                .allSatisfy(error -> assertThat(error.path("code").asString()).isEqualTo("not_found"));
        assertThat(offeredTo(rival, bea)).containsExactly(rivals);
        assertThat(queued(rival, rivalSales)).containsExactly(rivals);
        assertThat(count(shop, "select count(*) from queue_entry")).isZero();
        assertThat(kafka.events(shop.id, EventTypes.CONVERSATION_ASSIGNED)).isEmpty();
        assertThat(kafka.events(rival.id, EventTypes.CONVERSATION_ASSIGNED)).isEmpty();
        assertThat(beaHears.ofType("offer.revoked")).isEmpty();

        accept(rival.id, bea, rivals);

        eventually().untilAsserted(() -> assertThat(kafka.events(rival.id, EventTypes.CONVERSATION_ASSIGNED))
                .singleElement()
                .satisfies(assigned -> assertThat(assigned.agentId()).isEqualTo(bea)));
        assertThat(activeChats(shop, ada)).isZero();
    }
}
