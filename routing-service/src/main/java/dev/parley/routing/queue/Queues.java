package dev.parley.routing.queue;

import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.routing.decision.Decision;
import dev.parley.routing.decision.Frames;
import dev.parley.routing.decision.TenantConfig;
import dev.parley.routing.presence.Presence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What people see of the queues: positions in service order, wait estimates, the {@code queue}
 * snapshot for a department's agents and each waiting visitor's {@code conversation.queued}.
 */
@Component
public final class Queues {

    private final QueueEntries entries;
    private final WaitEstimates waits;
    private final Presence presence;

    public Queues(QueueEntries entries, WaitEstimates waits, Presence presence) {
        this.entries = entries;
        this.waits = waits;
        this.presence = presence;
    }

    /** Where a waiting conversation stands. */
    public record Placement(UUID departmentId, int position) {}

    /** A waiting conversation with its place and the wait to expect there. */
    public record Standing(QueueEntry entry, int position, long estimatedWaitSeconds) {}

    /**
     * For every queue the decision changed: the snapshot to the department's agents, and the new
     * position to each visitor whose position changed, remembered so that it is said once.
     * Emits the placement of every entry of those queues.
     */
    public Mono<Map<UUID, Placement>> publishChanges(Decision decision) {
        // Deferred: the queues to publish are those changed by the time this runs, not when it was assembled.
        return Flux.defer(() -> Flux.fromIterable(decision.takeChangedQueues()))
                .concatMap(departmentId -> publishChange(decision, departmentId))
                .collect(HashMap<UUID, Placement>::new, Map::putAll)
                .map(Map::copyOf);
    }

    private Mono<Map<UUID, Placement>> publishChange(Decision decision, UUID departmentId) {
        UUID tenantId = decision.tenantId();
        return standings(decision.config(), departmentId, decision.now()).flatMap(standings -> {
            Map<UUID, Placement> placements = new LinkedHashMap<>();
            Map<UUID, Integer> told = new LinkedHashMap<>();
            for (Standing standing : standings) {
                UUID conversationId = standing.entry().conversationId();
                placements.put(conversationId, new Placement(departmentId, standing.position()));
                if (!Objects.equals(standing.entry().notifiedPosition(), standing.position())) {
                    told.put(conversationId, standing.position());
                    decision.deliver(
                            DeliveryChannels.conversation(tenantId, conversationId),
                            Frames.queued(
                                    conversationId,
                                    departmentId,
                                    standing.position(),
                                    standing.estimatedWaitSeconds()));
                }
            }
            decision.deliver(
                    DeliveryChannels.queue(tenantId, departmentId),
                    Frames.queue(
                            departmentId, standings.stream().map(Queues::view).toList()));
            return entries.notified(tenantId, told).thenReturn(placements);
        });
    }

    /** The department's queue in service order, each entry with its position and wait estimate. */
    public Mono<List<Standing>> standings(TenantConfig config, UUID departmentId, Instant now) {
        return entries.inDepartment(config.tenantId(), departmentId)
                .collectList()
                .zipWith(estimate(config, departmentId, now))
                .map(queueAndEstimate -> {
                    List<Standing> standings = new ArrayList<>();
                    int position = 0;
                    for (QueueEntry entry : queueAndEstimate.getT1()) {
                        position++;
                        standings.add(new Standing(
                                entry, position, queueAndEstimate.getT2().secondsAt(position)));
                    }
                    return List.copyOf(standings);
                });
    }

    /** The wait per position in the department, from its recent waits and its agents online. */
    public Mono<WaitEstimate> estimate(TenantConfig config, UUID departmentId, Instant now) {
        return presence.online(config.tenantId(), now)
                .map(online -> (int) config.agentsOf(departmentId).stream()
                        .filter(agent -> online.contains(agent.agentId()))
                        .count())
                .flatMap(onlineAgents -> waits.estimate(config.tenantId(), departmentId, onlineAgents, now));
    }

    public static Frames.QueueEntry view(Standing standing) {
        QueueEntry entry = standing.entry();
        return new Frames.QueueEntry(
                entry.conversationId(),
                entry.visitorName(),
                entry.enqueuedAt(),
                standing.position(),
                entry.answers(),
                entry.pageUrl());
    }
}
