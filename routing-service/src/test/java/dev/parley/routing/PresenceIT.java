package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventTypes;
import dev.parley.contracts.presence.AgentPresenceChanged.Status;
import dev.parley.contracts.routing.ConversationUnavailable;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who is online decides who gets chats, and a visitor hears at once when nobody is. */
class PresenceIT extends RoutingIT {

    @Test
    void withNobodyOnlineTheVisitorIsToldAtOnceAndTheChatWaitsForTheFirstAgentOnline() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        publish(tenant);
        UUID conversation = UUID.randomUUID();
        FrameRecorder visitorHears = visitorChannel(tenant, conversation);
        FrameRecorder adaHears = agentChannel(tenant, ada);

        request(tenant, conversation, sales, "Grace");

        eventually()
                .until(() -> !visitorHears.ofType("conversation.unavailable").isEmpty());
        assertThat(visitorHears
                        .ofType("conversation.unavailable")
                        .getFirst()
                        .path("reason")
                        .asString())
                .isEqualTo("no_agent_online");
        assertThat(visitorHears
                        .ofType("conversation.queued")
                        .getFirst()
                        .path("position")
                        .asInt())
                .isEqualTo(1);
        eventually().untilAsserted(() -> assertThat(kafka.events(tenant.id, EventTypes.CONVERSATION_UNAVAILABLE))
                .singleElement()
                .satisfies(unavailable -> {
                    assertThat(unavailable.conversationId()).isEqualTo(conversation);
                    assertThat(unavailable.departmentId()).isEqualTo(sales);
                    assertThat(unavailable.reason()).isEqualTo(ConversationUnavailable.Reason.NO_AGENT_ONLINE);
                }));
        assertThat(queued(tenant, sales)).containsExactly(conversation);

        online(tenant, ada);

        eventually().until(() -> !adaHears.ofType("offer").isEmpty());
        assertThat(adaHears.ofType("offer").getFirst().path("conversationId").asString())
                .isEqualTo(conversation.toString());
    }

    @Test
    void anAgentWhoseHeartbeatsStopCountsAsOfflineOnceTheTimeoutPassed() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 5, sales);
        publish(tenant);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        Instant lastHeard = Instant.now();
        presence(tenant, ada, "tab-1", Status.ONLINE); // and then the gateway node dies: nothing more
        UUID early = UUID.randomUUID();
        request(tenant, early, sales, "Grace");
        eventually().until(() -> !adaHears.ofType("offer").isEmpty());

        eventually()
                .until(() -> count(
                                tenant,
                                "select count(*) from agent_connection where last_seen >= clock_timestamp() - interval '"
                                        + PRESENCE_TIMEOUT.toMillis() + " milliseconds'")
                        == 0);
        UUID late = UUID.randomUUID();
        FrameRecorder lateVisitorHears = visitorChannel(tenant, late);
        request(tenant, late, sales, "Hedy");

        eventually()
                .until(() ->
                        !lateVisitorHears.ofType("conversation.unavailable").isEmpty());
        assertThat(Duration.between(lastHeard, Instant.now())).isGreaterThanOrEqualTo(PRESENCE_TIMEOUT);
        assertThat(adaHears.ofType("offer"))
                .noneMatch(offer -> offer.path("conversationId").asString().equals(late.toString()));
        assertThat(offeredTo(tenant, ada)).doesNotContain(late);
    }

    @Test
    void anAgentIsAsAvailableAsTheirBestConnection() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        publish(tenant);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        beat(tenant, ada, "tab-1", Status.ONLINE);
        beat(tenant, ada, "tab-2", Status.AWAY);
        presence(tenant, ada, "tab-1", Status.OFFLINE); // the online tab closed; the away one lives on
        eventually()
                .until(() -> count(tenant, "select count(*) from agent_connection where status = 'AWAY'") == 1
                        && count(tenant, "select count(*) from agent_connection") == 1);
        UUID conversation = UUID.randomUUID();
        FrameRecorder visitorHears = visitorChannel(tenant, conversation);

        request(tenant, conversation, sales, "Grace");

        eventually()
                .until(() -> !visitorHears.ofType("conversation.unavailable").isEmpty());
        assertThat(adaHears.ofType("offer")).isEmpty();

        beat(tenant, ada, "tab-2", Status.ONLINE);

        eventually().until(() -> !adaHears.ofType("offer").isEmpty());
    }

    @Test
    void anAgentWhoGoesOfflineLosesTheirOpenOffersToOthersAtOnce() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        UUID bob = tenant.agent("Bob", 2, sales);
        publish(tenant);
        online(tenant, ada);
        online(tenant, bob);
        FrameRecorder adaHears = agentChannel(tenant, ada);
        FrameRecorder bobHears = agentChannel(tenant, bob);
        UUID conversation = UUID.randomUUID();
        request(tenant, conversation, sales, "Grace");
        eventually()
                .until(() -> adaHears.ofType("offer").size()
                                + bobHears.ofType("offer").size()
                        == 1);
        UUID leaving = adaHears.ofType("offer").isEmpty() ? bob : ada;
        FrameRecorder leavingHears = leaving == ada ? adaHears : bobHears;
        FrameRecorder stayingHears = leaving == ada ? bobHears : adaHears;
        Instant left = Instant.now();

        offline(tenant, leaving);

        eventually().until(() -> !stayingHears.ofType("offer").isEmpty());
        assertThat(Duration.between(left, Instant.now())).isLessThan(ACCEPT_TIMEOUT);
        assertThat(leavingHears
                        .ofType("offer.revoked")
                        .getFirst()
                        .path("reason")
                        .asString())
                .isEqualTo("withdrawn");
    }
}
