package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventTypes;
import dev.parley.contracts.routing.ConversationOffered;
import dev.parley.contracts.tenant.TenantUpdated.ChatRules;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tenant's own chat rules from its snapshot win over routing's configuration: the accept
 * timeout of its offers, and a ceiling on every agent's chats at once.
 */
class ChatRulesRoutingIT extends RoutingIT {

    @Test
    void anOfferStandsForTheTenantsAcceptTimeoutNotTheConfiguredOne() {
        var tenant = new TestTenant();
        tenant.rules = new ChatRules(null, 7, null);
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        publish(tenant);
        online(tenant, ada);
        UUID conversation = UUID.randomUUID();

        request(tenant, conversation, sales, "Grace");

        eventually().until(() -> !kafka.events(tenant.id, EventTypes.CONVERSATION_OFFERED)
                .isEmpty());
        ConversationOffered offered =
                kafka.events(tenant.id, EventTypes.CONVERSATION_OFFERED).getFirst();
        assertThat(Duration.between(offered.offeredAt(), offered.expiresAt()))
                .isEqualTo(Duration.ofSeconds(7))
                .isNotEqualTo(ACCEPT_TIMEOUT);
    }

    @Test
    void theTenantsCeilingHoldsBackAnAgentWithRoomOfTheirOwnUntilItIsRaised() {
        var tenant = new TestTenant();
        tenant.rules = new ChatRules(1, null, null);
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 3, sales);
        publish(tenant);
        online(tenant, ada);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        request(tenant, first, sales, "Grace");
        eventually().until(() -> offeredTo(tenant, ada).contains(first));
        accept(tenant.id, ada, first);
        eventually().until(() -> activeChats(tenant, ada) == 1);
        request(tenant, second, sales, "Linus");

        // Queued and decided about, but not offered: Ada holds the one chat the tenant allows.
        eventually().until(() -> queued(tenant, sales).contains(second));
        assertThat(offeredTo(tenant, ada)).doesNotContain(second);

        tenant.rules = new ChatRules(2, null, null);
        tenant.revision = 2;
        publish(tenant);
        eventually().until(() -> directory.tenant(tenant.id).orElseThrow().revision() == 2);
        // The next heartbeat routes again with the raised ceiling.
        eventually().until(() -> offeredTo(tenant, ada).contains(second));
    }
}
