package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import dev.parley.platform.web.Caller;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the console loads when it opens, and what a waiting visitor can ask. */
class QueueHttpIT extends RoutingIT {

    @Test
    void agentsSeeTheirDepartmentsQueuesAndVisitorsTheirOwnPlace() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.PICKUP);
        UUID support = tenant.department("Support", RoutingMode.PICKUP);
        UUID ada = tenant.agent("Ada", 2, sales);
        UUID boss = tenant.supervisor("Boss");
        publish(tenant);
        online(tenant, ada);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        request(tenant, first, sales, "Grace");
        eventually().until(() -> queued(tenant, sales).size() == 1);
        UUID secondVisitor = request(tenant, second, sales, "Hedy").data().visitorId();
        request(tenant, third, support, "Ida");
        eventually()
                .until(() -> queued(tenant, sales).size() == 2
                        && queued(tenant, support).size() == 1);

        as(agent(tenant, ada, "Ada"))
                .get()
                .uri("/api/routing/queues")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.departments.length()")
                .isEqualTo(1)
                .jsonPath("$.departments[0].departmentId")
                .isEqualTo(sales.toString())
                .jsonPath("$.departments[0].entries[0].conversationId")
                .isEqualTo(first.toString())
                .jsonPath("$.departments[0].entries[0].visitorName")
                .isEqualTo("Grace")
                .jsonPath("$.departments[0].entries[0].answers.name")
                .isEqualTo("Grace")
                .jsonPath("$.departments[0].entries[0].pageUrl")
                .isEqualTo("https://shop.example/checkout")
                .jsonPath("$.departments[0].entries[1].conversationId")
                .isEqualTo(second.toString())
                .jsonPath("$.departments[0].entries[1].position")
                .isEqualTo(2);
        as(agent(tenant, boss, "Boss"))
                .get()
                .uri("/api/routing/queues")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.departments.length()")
                .isEqualTo(2);

        as(visitor(tenant, secondVisitor))
                .get()
                .uri("/api/routing/conversations/{id}/position", second)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.conversationId")
                .isEqualTo(second.toString())
                .jsonPath("$.departmentId")
                .isEqualTo(sales.toString())
                .jsonPath("$.position")
                .isEqualTo(2)
                .jsonPath("$.estimatedWaitSeconds")
                .value(seconds -> assertThat(((Number) seconds).longValue()).isPositive());
        for (Caller stranger : Set.of(visitor(tenant, UUID.randomUUID()), agent(tenant, ada, "Ada"))) {
            as(stranger)
                    .get()
                    .uri("/api/routing/conversations/{id}/position", second)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("not_found");
        }
        as(visitor(tenant, secondVisitor))
                .get()
                .uri("/api/routing/queues")
                .exchange()
                .expectStatus()
                .isForbidden();
        http().get().uri("/api/routing/queues").exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aVisitorWhoseChatWasAnsweredIsToldWhoAnswersIt() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.PICKUP);
        UUID ada = tenant.agent("Ada", 2, sales);
        publish(tenant);
        online(tenant, ada);
        UUID conversation = UUID.randomUUID();
        UUID visitor = request(tenant, conversation, sales, "Grace").data().visitorId();
        eventually().until(() -> queued(tenant, sales).size() == 1);

        accept(tenant.id, ada, conversation);
        eventually().until(() -> queued(tenant, sales).isEmpty());

        as(visitor(tenant, visitor))
                .get()
                .uri("/api/routing/conversations/{id}/position", conversation)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.conversationId")
                .isEqualTo(conversation.toString())
                .jsonPath("$.agent.id")
                .isEqualTo(ada.toString())
                .jsonPath("$.agent.name")
                .isEqualTo("Ada");
        // Anyone else still learns nothing of it.
        as(visitor(tenant, UUID.randomUUID()))
                .get()
                .uri("/api/routing/conversations/{id}/position", conversation)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private WebTestClient as(Caller caller) {
        return http().mutate().defaultHeaders(caller::writeTo).build();
    }

    private static Caller agent(TestTenant tenant, UUID agentId, String name) {
        return new Caller(tenant.id, agentId, Caller.Kind.AGENT, Set.of("agent"), name);
    }

    private static Caller visitor(TestTenant tenant, UUID visitorId) {
        return new Caller(tenant.id, visitorId, Caller.Kind.VISITOR, Set.of(), "");
    }
}
