package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.presence.AgentPresenceChanged.Status;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Whether the widget of a site can offer a chat now: someone of its tenant is online. */
class AvailabilityIT extends RoutingIT {

    @Test
    void aSiteIsAvailableWhileAnAgentOfItsTenantIsOnline() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        UUID bob = tenant.agent("Bob", 2, sales);
        publish(tenant);
        var other = new TestTenant();
        UUID eve = other.agent("Eve", 2, other.department("Sales", RoutingMode.OFFER));
        publish(other);
        online(other, eve); // another tenant's agent counts for nobody else

        assertThat(availability(tenant.siteKey)).isEqualTo(Map.of("available", false, "agentsOnline", 0));

        online(tenant, ada);
        eventually().untilAsserted(() -> assertThat(availability(tenant.siteKey))
                .isEqualTo(Map.of("available", true, "agentsOnline", 1)));
        beat(tenant, bob, "tab-1", Status.AWAY); // connected, takes no new chats: not counted
        beat(tenant, ada, "tab-2", Status.ONLINE); // a second tab is still one agent
        online(tenant, bob);
        eventually().untilAsserted(() -> assertThat(availability(tenant.siteKey))
                .isEqualTo(Map.of("available", true, "agentsOnline", 2)));

        offline(tenant, bob); // tab-1 stays AWAY
        offline(tenant, ada);
        presence(tenant, ada, "tab-2", Status.OFFLINE);
        eventually().untilAsserted(() -> assertThat(availability(tenant.siteKey))
                .isEqualTo(Map.of("available", false, "agentsOnline", 0)));
        eventually().untilAsserted(() -> assertThat(availability(other.siteKey))
                .isEqualTo(Map.of("available", true, "agentsOnline", 1)));
    }

    @Test
    void anUnknownSiteKeyIsNotFound() {
        http().get()
                .uri("/api/routing/availability/{siteKey}", "no-site-has-this-key")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
    }

    /** The answer, checked to be public (no caller) and never cached. */
    private Map<?, ?> availability(String siteKey) {
        Map<?, ?> answer = http().get()
                .uri("/api/routing/availability/{siteKey}", siteKey)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).isNotNull();
        return answer;
    }
}
