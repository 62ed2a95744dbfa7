package dev.parley.routing.assignment;

import dev.parley.routing.queue.QueueEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is offered which waiting chat: for each chat in service order, the least busy eligible agent
 * (open offers count as chats), and among equally busy ones whoever waited longest since their
 * last assignment, which rotates chats round-robin through a team at the same load.
 */
final class LeastBusy {

    private LeastBusy() {}

    /**
     * An agent who may be offered chats now: online, in the department.
     *
     * @param load chats held plus offers open
     */
    record Candidate(
            UUID agentId, int load, int maxChats, @Nullable Instant lastAssignedAt) {

        boolean hasRoom() {
            return load < maxChats;
        }
    }

    record Pick(QueueEntry entry, UUID agentId) {}

    private static final Comparator<Candidate> LEAST_BUSY = Comparator.comparingInt(Candidate::load)
            .thenComparing(Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Candidate::agentId);

    /** Offers for {@code waiting} (in service order) until no candidate has room left. */
    static List<Pick> plan(List<QueueEntry> waiting, Collection<Candidate> candidates) {
        Map<UUID, Candidate> current = new HashMap<>();
        candidates.forEach(candidate -> current.put(candidate.agentId(), candidate));
        List<Pick> picks = new ArrayList<>();
        for (QueueEntry entry : waiting) {
            if (current.values().stream().noneMatch(Candidate::hasRoom)) {
                break;
            }
            Optional<Candidate> chosen = choose(current.values(), entry.declinedBy());
            chosen.ifPresent(agent -> {
                picks.add(new Pick(entry, agent.agentId()));
                current.put(
                        agent.agentId(),
                        new Candidate(agent.agentId(), agent.load() + 1, agent.maxChats(), agent.lastAssignedAt()));
            });
        }
        return List.copyOf(picks);
    }

    static Optional<Candidate> choose(Collection<Candidate> candidates, Set<UUID> excluded) {
        return candidates.stream()
                .filter(Candidate::hasRoom)
                .filter(candidate -> !excluded.contains(candidate.agentId()))
                .min(LEAST_BUSY);
    }
}
