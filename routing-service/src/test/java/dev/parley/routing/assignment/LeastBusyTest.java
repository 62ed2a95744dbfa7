package dev.parley.routing.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.routing.assignment.LeastBusy.Candidate;
import dev.parley.routing.assignment.LeastBusy.Pick;
import dev.parley.routing.queue.QueueEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LeastBusyTest {

    private static final UUID DEPARTMENT = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final UUID ada = new UUID(0, 1);
    private final UUID bob = new UUID(0, 2);
    private final UUID cyd = new UUID(0, 3);

    @Test
    void theLeastBusyAgentGetsTheChat() {
        var plan = LeastBusy.plan(waiting(1), List.of(new Candidate(ada, 2, 3, null), new Candidate(bob, 1, 3, T0)));

        assertThat(agents(plan)).containsExactly(bob);
    }

    @Test
    void amongEquallyBusyAgentsWhoeverWaitedLongestSinceAnAssignmentGoesFirst() {
        var plan = LeastBusy.plan(
                waiting(3),
                List.of(
                        new Candidate(ada, 0, 3, T0.plusSeconds(20)),
                        new Candidate(bob, 0, 3, T0.plusSeconds(10)),
                        new Candidate(cyd, 0, 3, null)));

        // Nobody's load changes the order until each has one: round-robin through equals.
        assertThat(agents(plan)).containsExactly(cyd, bob, ada);
    }

    @Test
    void offersStopWhenEveryoneIsFullAndNobodyGoesAboveTheirMaximum() {
        var plan = LeastBusy.plan(waiting(10), List.of(new Candidate(ada, 1, 3, null), new Candidate(bob, 0, 2, null)));

        assertThat(plan).hasSize(4);
        assertThat(agents(plan).stream().filter(ada::equals)).hasSize(2);
        assertThat(agents(plan).stream().filter(bob::equals)).hasSize(2);
        // Served in queue order: the first four.
        assertThat(plan.stream().map(pick -> pick.entry().conversationId()))
                .containsExactly(conversation(0), conversation(1), conversation(2), conversation(3));
    }

    @Test
    void anAgentWhoDeclinedAChatIsNotOfferedItAgainButStillGetsTheNext() {
        List<QueueEntry> waiting = List.of(entry(0, Set.of(ada)), entry(1, Set.of()));

        var plan = LeastBusy.plan(waiting, List.of(new Candidate(ada, 0, 1, null)));

        assertThat(plan).singleElement().satisfies(pick -> {
            assertThat(pick.agentId()).isEqualTo(ada);
            assertThat(pick.entry().conversationId()).isEqualTo(conversation(1));
        });
    }

    @Test
    void nobodyOnlineMeansNoOffers() {
        assertThat(LeastBusy.plan(waiting(3), List.of())).isEmpty();
    }

    private static List<UUID> agents(List<Pick> plan) {
        return plan.stream().map(Pick::agentId).toList();
    }

    private static List<QueueEntry> waiting(int count) {
        return IntStream.range(0, count).mapToObj(i -> entry(i, Set.of())).toList();
    }

    private static QueueEntry entry(int index, Set<UUID> declinedBy) {
        return new QueueEntry(
                conversation(index),
                DEPARTMENT,
                UUID.randomUUID(),
                "Visitor " + index,
                Map.of(),
                null,
                T0.plusSeconds(index),
                QueueEntry.REQUESTED,
                declinedBy,
                null,
                null);
    }

    private static UUID conversation(int index) {
        return new UUID(1, index);
    }
}
