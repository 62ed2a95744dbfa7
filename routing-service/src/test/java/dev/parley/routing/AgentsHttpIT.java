package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.presence.AgentPresenceChanged.Status;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import dev.parley.platform.web.Caller;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The supervisor's view of the team: who is online, away or offline, and how many chats each holds. */
class AgentsHttpIT extends RoutingIT {

    @Test
    void statusesFollowPresenceAndActiveChatsFollowAssignments() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        UUID ada = tenant.agent("Ada", 2, sales);
        UUID bob = tenant.agent("Bob", 4, sales);
        UUID sue = tenant.supervisor("Sue");
        publish(tenant);
        Caller supervisor = supervisor(tenant, sue);

        assertThat(agents(supervisor))
                .extracting(agent -> agent.get("name") + ":" + agent.get("status"))
                .containsExactly("Ada:offline", "Bob:offline", "Sue:offline");
        Map<String, Object> adaBefore = agents(supervisor).getFirst();
        assertThat(adaBefore)
                .containsEntry("agentId", ada.toString())
                .containsEntry("activeChats", 0)
                .containsEntry("capacity", 2)
                .containsEntry("departmentIds", List.of(sales.toString()));

        online(tenant, ada);
        beat(tenant, bob, "tab-1", Status.AWAY);
        eventually().until(() -> statuses(supervisor).equals(Map.of("Ada", "online", "Bob", "away", "Sue", "offline")));

        UUID conversation = UUID.randomUUID();
        request(tenant, conversation, sales, "Grace");
        eventually().until(() -> offeredTo(tenant, ada).contains(conversation));
        accept(tenant.id, ada, conversation);
        eventually().until(() -> activeChats(tenant, ada) == 1);
        assertThat(agents(supervisor).getFirst())
                .containsEntry("status", "online")
                .containsEntry("activeChats", 1)
                .containsEntry("capacity", 2);

        // Her socket closes: offline, though she still holds the chat; Bob's away tab falls silent.
        offline(tenant, ada);
        presence(tenant, bob, "tab-1", Status.OFFLINE);
        eventually()
                .until(() -> statuses(supervisor).equals(Map.of("Ada", "offline", "Bob", "offline", "Sue", "offline")));
        assertThat(agents(supervisor).getFirst()).containsEntry("activeChats", 1);
    }

    @Test
    void onlySupervisorsOwnersAndAdminsSeeTheAgents() {
        var tenant = new TestTenant();
        UUID ada = tenant.agent("Ada", 2);
        publish(tenant);

        for (Caller refused : List.of(
                new Caller(tenant.id, ada, Caller.Kind.AGENT, Set.of("agent"), "Ada"),
                new Caller(tenant.id, UUID.randomUUID(), Caller.Kind.VISITOR, Set.of(), ""))) {
            as(refused)
                    .get()
                    .uri("/api/routing/agents")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.FORBIDDEN)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("forbidden");
        }
        for (String role : List.of("owner", "admin", "supervisor")) {
            assertThat(agents(new Caller(tenant.id, UUID.randomUUID(), Caller.Kind.AGENT, Set.of(role), "Boss")))
                    .extracting(agent -> agent.get("agentId"))
                    .containsExactly(ada.toString());
        }
    }

    @Test
    void anotherTenantsAgentsAreNeverListed() {
        var acme = new TestTenant();
        UUID ada = acme.agent("Ada", 2);
        UUID sue = acme.supervisor("Sue");
        var globex = new TestTenant();
        UUID gus = globex.agent("Gus", 2);
        UUID gina = globex.supervisor("Gina");
        publish(acme);
        publish(globex);
        online(globex, gus);
        eventually().until(() -> statuses(supervisor(globex, gina)).get("Gus").equals("online"));

        assertThat(agents(supervisor(acme, sue)))
                .extracting(agent -> agent.get("agentId"))
                .containsExactly(ada.toString(), sue.toString());
        assertThat(agents(supervisor(globex, gina)))
                .extracting(agent -> agent.get("agentId"))
                .containsExactly(gina.toString(), gus.toString());
        // A tenant routing has never heard of has nobody to show.
        assertThat(agents(new Caller(UUID.randomUUID(), UUID.randomUUID(), Caller.Kind.AGENT, Set.of("owner"), "X")))
                .isEmpty();
    }

    private Map<String, String> statuses(Caller supervisor) {
        return agents(supervisor).stream()
                .collect(Collectors.toMap(agent -> (String) agent.get("name"), agent -> (String) agent.get("status")));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> agents(Caller caller) {
        Map<String, Object> answer = as(caller)
                .get()
                .uri("/api/routing/agents")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).isNotNull();
        return (List<Map<String, Object>>) answer.get("agents");
    }

    private WebTestClient as(Caller caller) {
        return http().mutate().defaultHeaders(caller::writeTo).build();
    }

    private static Caller supervisor(TestTenant tenant, UUID agentId) {
        return new Caller(tenant.id, agentId, Caller.Kind.AGENT, Set.of("agent", "supervisor"), "Supervisor");
    }
}
