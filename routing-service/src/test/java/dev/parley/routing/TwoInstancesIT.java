package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chat.ConversationAssigned;
import dev.parley.contracts.routing.AcceptConversation;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.platform.boot.ParleyApplication;
import dev.parley.platform.directory.TenantDirectory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Two routing instances in one consumer group split the partitions, so one tenant's requests are
 * decided by both at once: the tenant lock still gives every agent at most their maximum and every
 * conversation at most one owner.
 */
class TwoInstancesIT extends RoutingIT {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @Test
    void twoInstancesDecideForOneTenantSideBySideWithoutOverfillingAnyone() {
        var tenant = new TestTenant();
        UUID sales = tenant.department("Sales", RoutingMode.OFFER);
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            agents.add(tenant.agent("Agent " + i, 2, sales));
        }
        publish(tenant);
        try (ConfigurableApplicationContext second = startSecondInstance()) {
            KafkaListenerEndpointRegistry secondListeners = second.getBean(KafkaListenerEndpointRegistry.class);
            eventually()
                    .until(() -> chatEventPartitions(listeners) > 0
                            && chatEventPartitions(secondListeners) > 0
                            && chatEventPartitions(listeners) + chatEventPartitions(secondListeners) == 6);
            eventually().until(() -> second.getBean(TenantDirectory.class)
                    .tenant(tenant.id)
                    .isPresent());
            double firstBefore = decisions(meters);
            double secondBefore = decisions(second.getBean(MeterRegistry.class));
            agents.forEach(agent -> {
                online(tenant, agent);
                agentChannel(tenant, agent).onFrame(frame -> {
                    if ("offer".equals(frame.path("type").asString())) {
                        kafka.sendAsync(EventEnvelope.of(
                                EventTypes.ACCEPT_CONVERSATION,
                                "/parley/gateway-service",
                                tenant.id,
                                tenant.id.toString(),
                                new AcceptConversation(
                                        UUID.fromString(
                                                frame.path("conversationId").asString()),
                                        agent,
                                        Instant.now())));
                    }
                });
            });
            eventually().until(() -> count(tenant, "select count(*) from agent_connection") == 4);

            for (int i = 0; i < 12; i++) {
                request(tenant, UUID.randomUUID(), sales, "Visitor " + i);
            }

            eventually()
                    .until(() -> kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED)
                                            .size()
                                    >= 8
                            && count(tenant, "select count(*) from queue_entry") == 4
                            && count(tenant, "select count(*) from offer") == 0);
            List<ConversationAssigned> assigned = kafka.events(tenant.id, EventTypes.CONVERSATION_ASSIGNED);
            assertThat(assigned).hasSize(8);
            assertThat(assigned)
                    .extracting(ConversationAssigned::conversationId)
                    .doesNotHaveDuplicates();
            assertThat(assigned.stream()
                            .collect(Collectors.groupingBy(ConversationAssigned::agentId, Collectors.counting()))
                            .values())
                    .containsExactly(2L, 2L, 2L, 2L);
            agents.forEach(agent -> assertThat(activeChats(tenant, agent)).isEqualTo(2));
            // Both took part.
            assertThat(decisions(meters)).isGreaterThan(firstBefore);
            assertThat(decisions(second.getBean(MeterRegistry.class))).isGreaterThan(secondBefore);
        }
        // The survivor takes every partition back, for the tests after this one.
        eventually().until(() -> chatEventPartitions(listeners) == 6);
    }

    private static ConfigurableApplicationContext startSecondInstance() {
        Map<String, Object> properties =
                new HashMap<>(EmbeddedInfrastructure.shared().springProperties());
        properties.put("server.port", "0");
        properties.put("parley.routing.offer.accept-timeout", ACCEPT_TIMEOUT.toMillis() + "ms");
        properties.put("parley.routing.presence.timeout", PRESENCE_TIMEOUT.toMillis() + "ms");
        return ParleyApplication.builder(RoutingApplication.class, RoutingApplication.NAME)
                .properties(properties)
                .run();
    }

    private static int chatEventPartitions(KafkaListenerEndpointRegistry registry) {
        return registry.getListenerContainers().stream()
                .flatMap(container -> {
                    var partitions = container.getAssignedPartitions();
                    return partitions == null ? Stream.empty() : partitions.stream();
                })
                .filter(partition -> partition.topic().equals(Topics.CHAT_EVENTS))
                .mapToInt(partition -> 1)
                .sum();
    }

    private static double decisions(MeterRegistry registry) {
        return registry.find("parley.routing.decisions").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
