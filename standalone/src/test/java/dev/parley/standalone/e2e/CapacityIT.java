package dev.parley.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Fifty visitors ask at once; five agents of capacity three accept everything offered: no agent
 * ever holds more than three chats, no chat is assigned twice, the other thirty-five wait with
 * positions 1 to 35, and as agents close chats the next in line are assigned.
 */
class CapacityIT {

    final Parley parley = Parley.get();

    @Test
    void fiftyVisitorsFiveAgentsOfCapacityThree() {
        Tenant tenant = parley.tenant(5, 3, "PICKUP");
        List<ChatSocket> agents = new ArrayList<>();
        try {
            for (Tenant.Login login : tenant.agents()) {
                ChatSocket agent = parley.agentSocket(parley.gatewayB, parley.token(login));
                agent.send(Map.of("type", "presence.set", "status", "online"));
                agents.add(agent);
            }
            Map<String, String> visitorOf = new HashMap<>();
            IntStream.rangeClosed(1, 50).parallel().forEach(i -> {
                String token = parley.visitor(tenant);
                String conversation = parley.requestChat(token, tenant.departmentId(), "Visitor " + i);
                synchronized (visitorOf) {
                    visitorOf.put(conversation, token);
                }
            });

            Set<String> accepted = new HashSet<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                acceptEveryOffer(agents, accepted);
                return assignedPerAgent(agents).values().stream()
                                .mapToInt(Set::size)
                                .sum()
                        >= 15;
            });
            assertCapacityKept(agents, 15);
            List<Integer> positions = positions(visitorOf, agents);
            assertThat(positions)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, 35).boxed().toList());

            // Each agent ends one chat: the next five in line are assigned, the rest move up.
            for (ChatSocket agent : agents) {
                String done = assigned(agent).iterator().next();
                agent.send(Map.of("type", "conversation.close", "conversationId", done));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                acceptEveryOffer(agents, accepted);
                return assignedPerAgent(agents).values().stream()
                                .mapToInt(Set::size)
                                .sum()
                        >= 20;
            });
            assertCapacityKept(agents, 20);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(positions(visitorOf, agents))
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, 30).boxed().toList()));
        } finally {
            agents.forEach(ChatSocket::close);
        }
    }

    /** Plays the agents: whatever is offered to them (or waiting, in pick-up mode) they accept. */
    private static void acceptEveryOffer(List<ChatSocket> agents, Set<String> accepted) {
        for (ChatSocket agent : agents) {
            for (JsonNode offer : agent.ofType("offer")) {
                String conversation = offer.path("conversationId").asString();
                if (accepted.add(agent + conversation)) {
                    agent.send(Map.of("type", "offer.accept", "conversationId", conversation));
                }
            }
        }
    }

    private static Set<String> assigned(ChatSocket agent) {
        return agent.ofType("conversation.assigned").stream()
                .map(frame -> frame.path("conversationId").asString())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static Map<ChatSocket, Set<String>> assignedPerAgent(List<ChatSocket> agents) {
        Map<ChatSocket, Set<String>> result = new HashMap<>();
        agents.forEach(agent -> result.put(agent, assigned(agent)));
        return result;
    }

    private static void assertCapacityKept(List<ChatSocket> agents, int total) {
        List<String> all = new ArrayList<>();
        for (ChatSocket agent : agents) {
            Set<String> chats = assigned(agent);
            Set<String> closedByThem = agent.ofType("conversation.closed").stream()
                    .map(frame -> frame.path("conversationId").asString())
                    .collect(Collectors.toSet());
            assertThat(chats.size() - closedByThem.size())
                    .as("open chats of one agent")
                    .isLessThanOrEqualTo(3);
            all.addAll(chats);
        }
        assertThat(all)
                .as("no conversation assigned twice")
                .doesNotHaveDuplicates()
                .hasSize(total);
    }

    private List<Integer> positions(Map<String, String> visitorOf, List<ChatSocket> agents) {
        Set<String> taken = new HashSet<>();
        agents.forEach(agent -> taken.addAll(assigned(agent)));
        List<Integer> positions = new ArrayList<>();
        visitorOf.forEach((conversation, token) -> {
            if (!taken.contains(conversation)) {
                Parley.Response answer = parley.call(
                        "GET",
                        parley.gatewayA + "/api/routing/conversations/" + conversation + "/position",
                        null,
                        Parley.visitorAuth(token));
                positions.add(answer.body().path("position").asInt(-1));
            }
        });
        return positions;
    }
}
