package dev.parley.routing.assignment;

import static dev.parley.platform.delivery.DeliveryChannels.agent;
import static dev.parley.platform.delivery.DeliveryChannels.conversation;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventType;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.ConversationAssigned;
import dev.parley.contracts.chat.ConversationClosed;
import dev.parley.contracts.chat.ConversationRequested;
import dev.parley.contracts.presence.AgentPresenceChanged;
import dev.parley.contracts.routing.AcceptConversation;
import dev.parley.contracts.routing.ConversationOffered;
import dev.parley.contracts.routing.ConversationQueued;
import dev.parley.contracts.routing.ConversationUnavailable;
import dev.parley.contracts.routing.DeclineConversation;
import dev.parley.contracts.routing.TransferConversation;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.contracts.tenant.TenantUpdated.RoutingMode;
import dev.parley.platform.outbox.Outbox;
import dev.parley.routing.assignment.LeastBusy.Candidate;
import dev.parley.routing.decision.Decision;
import dev.parley.routing.decision.Frames;
import dev.parley.routing.decision.TenantConfig;
import dev.parley.routing.offer.Offer;
import dev.parley.routing.offer.OfferProperties;
import dev.parley.routing.offer.Offers;
import dev.parley.routing.presence.AgentStatus;
import dev.parley.routing.presence.Presence;
import dev.parley.routing.queue.Answers;
import dev.parley.routing.queue.QueueEntries;
import dev.parley.routing.queue.QueueEntry;
import dev.parley.routing.queue.Queues;
import dev.parley.routing.queue.WaitEstimates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Routing's decisions. Each public method is one {@link Decision}: it runs inside a transaction
 * that holds its tenant's lock (see {@code Decisions}), changes the queues, offers, assignments
 * and capacities, appends the integration events to the outbox and leaves the frames for after
 * commit. Nothing here needs to guard against a concurrent decision of the same tenant.
 */
@Component
public final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    static final String SOURCE = "/parley/routing-service";
    private static final String AGGREGATE = "conversation";

    // offer.revoked reasons and error codes, as docs/protocol.md names them.
    private static final String EXPIRED = "expired";
    private static final String TAKEN = "taken";
    private static final String WITHDRAWN = "withdrawn";
    private static final String NO_AGENT_ONLINE = "no_agent_online";
    private static final String TRANSFER = "conversation.transfer";

    private final QueueEntries queue;
    private final Queues queues;
    private final Offers offers;
    private final Presence presence;
    private final Agents agents;
    private final Assignments assignments;
    private final WaitEstimates waits;
    private final Outbox outbox;
    private final OfferProperties offerProperties;

    Router(
            QueueEntries queue,
            Queues queues,
            Offers offers,
            Presence presence,
            Agents agents,
            Assignments assignments,
            WaitEstimates waits,
            Outbox outbox,
            OfferProperties offerProperties) {
        this.queue = queue;
        this.queues = queues;
        this.offers = offers;
        this.presence = presence;
        this.agents = agents;
        this.assignments = assignments;
        this.waits = waits;
        this.outbox = outbox;
        this.offerProperties = offerProperties;
    }

    /** A visitor asked to chat: queue it in its department and offer it if someone is free. */
    public Mono<Void> requested(Decision decision, ConversationRequested request) {
        UUID tenantId = decision.tenantId();
        // The session's clock for the order visitors asked in, but never a time still to come.
        Instant requestedAt = request.requestedAt().isAfter(decision.now()) ? decision.now() : request.requestedAt();
        QueueEntry entry = new QueueEntry(
                request.conversationId(),
                request.departmentId(),
                request.visitorId(),
                Answers.visitorName(request.preChatAnswers()),
                request.preChatAnswers(),
                request.pageUrl(),
                requestedAt,
                QueueEntry.REQUESTED,
                Set.of(),
                null,
                null);
        return assignments
                .find(tenantId, request.conversationId())
                .hasElement()
                .flatMap(answered -> answered ? Mono.just(Boolean.FALSE) : queue.enqueue(tenantId, entry))
                .flatMap(queued -> queued ? enteredQueue(decision, entry) : Mono.<Void>empty())
                .then(finish(decision));
    }

    /** The conversation ended: it leaves its queue, or its agent gets the room back. */
    public Mono<Void> closed(Decision decision, ConversationClosed closed) {
        UUID tenantId = decision.tenantId();
        UUID conversationId = closed.conversationId();
        Mono<Void> leaveQueue = queue.find(tenantId, conversationId)
                .flatMap(entry -> offers.close(tenantId, conversationId)
                        .doOnNext(offer -> decision.deliver(
                                agent(tenantId, offer.agentId()), Frames.offerRevoked(conversationId, WITHDRAWN)))
                        .then(queue.remove(tenantId, conversationId))
                        .then(Mono.fromRunnable(() -> decision.queueChanged(entry.departmentId()))));
        Mono<Void> freeAgent = assignments
                .remove(tenantId, conversationId)
                .flatMap(assignment -> released(decision, assignment.agentId()));
        return leaveQueue.then(freeAgent).then(finish(decision));
    }

    /**
     * One connection of an agent reported its status. Whenever the agent is online afterwards,
     * their departments are routed: on the first heartbeat that is the "route waiting chats to
     * the agent who came online", on later ones it offers whatever waits while they have room (a
     * raised maxChats, a missed trigger) within one heartbeat. An agent who stops being online
     * loses their open offers to others at once.
     */
    public Mono<Void> presenceChanged(Decision decision, AgentPresenceChanged change) {
        UUID tenantId = decision.tenantId();
        Instant now = decision.now();
        // The gateway's clock says when; never later than now, so a fast clock cannot keep an agent alive.
        Instant heardAt = change.changedAt().isAfter(now) ? now : change.changedAt();
        return presence.statusOf(tenantId, change.agentId(), now)
                .flatMap(before -> presence.record(
                                tenantId, change.agentId(), change.connectionId(), change.status(), heardAt)
                        .then(presence.forgetSilent(tenantId, presence.freshSince(now)))
                        .then(presence.statusOf(tenantId, change.agentId(), now))
                        .flatMap(after -> {
                            if (after == AgentStatus.ONLINE) {
                                return routeFor(decision, change.agentId());
                            }
                            return before == AgentStatus.ONLINE
                                    ? withdrawOffersOf(decision, change.agentId())
                                    : Mono.<Void>empty();
                        }))
                .then(finish(decision));
    }

    /**
     * An agent takes a chat: the one offered to them, or (pick-up mode, or a chat nobody was
     * offered) one from their department's queue. The first accept wins; a later one is told the
     * chat is {@code taken}.
     */
    public Mono<Void> accept(Decision decision, AcceptConversation accept) {
        return optional(queue.find(decision.tenantId(), accept.conversationId()))
                .flatMap(waiting -> waiting.isPresent()
                        ? acceptWaiting(decision, waiting.get(), accept.agentId())
                        : refuseAcceptOfUnqueued(decision, accept.conversationId(), accept.agentId()))
                .then(finish(decision));
    }

    /** An agent declines their offer: it goes to the next eligible agent, never back to them. */
    public Mono<Void> decline(Decision decision, DeclineConversation decline) {
        UUID tenantId = decision.tenantId();
        UUID conversationId = decline.conversationId();
        return offers.find(tenantId, conversationId)
                .filter(offer -> offer.agentId().equals(decline.agentId()))
                .flatMap(offer -> offers.close(tenantId, conversationId)
                        .then(queue.declinedBy(tenantId, conversationId, offer.agentId()))
                        .then(Mono.fromRunnable(() -> {
                            decision.returnedToQueue(conversationId);
                            decision.queueChanged(offer.departmentId());
                        }))
                        .then(route(decision, offer.departmentId())))
                .then(finish(decision));
    }

    /**
     * The agent who has the chat (or a supervisor) hands it to another agent, who must be online
     * with room for it, or to a department, where it queues before new requests. A refused
     * transfer changes nothing and answers the requester with an {@code error} frame on their
     * agent channel ({@code not_found}, {@code forbidden}, {@code transfer_refused}).
     */
    public Mono<Void> transfer(Decision decision, TransferConversation transfer) {
        UUID conversationId = transfer.conversationId();
        UUID by = transfer.byAgentId();
        return optional(assignments.find(decision.tenantId(), conversationId))
                .flatMap(assigned -> {
                    if (assigned.isEmpty()) {
                        return refuse(decision, by, conversationId, "not_found", "Nobody has this chat to transfer");
                    }
                    Assignment assignment = assigned.get();
                    if (!assignment.agentId().equals(by) && !decision.config().supervises(by)) {
                        return refuse(
                                decision,
                                by,
                                conversationId,
                                "forbidden",
                                "Only the agent who has the chat, or a supervisor, may transfer it");
                    }
                    UUID toAgent = transfer.toAgentId();
                    UUID toDepartment = transfer.toDepartmentId();
                    if (toAgent != null) {
                        return transferToAgent(decision, assignment, by, toAgent);
                    }
                    if (toDepartment != null) {
                        return transferToDepartment(decision, assignment, by, toDepartment);
                    }
                    return Mono.<Void>empty(); // the contract guarantees one of the two
                })
                .then(finish(decision));
    }

    /** The accept timeout passed: the agent is skipped for the chat, which goes to the next one. */
    public Mono<Void> expireOffers(Decision decision) {
        UUID tenantId = decision.tenantId();
        return offers.closeExpired(tenantId, decision.now())
                .collectList()
                .flatMapMany(expired -> Flux.fromIterable(expired)
                        .concatMap(offer -> queue.declinedBy(tenantId, offer.conversationId(), offer.agentId())
                                .then(Mono.fromCallable(() -> {
                                    decision.deliver(
                                            agent(tenantId, offer.agentId()),
                                            Frames.offerRevoked(offer.conversationId(), EXPIRED));
                                    decision.returnedToQueue(offer.conversationId());
                                    decision.queueChanged(offer.departmentId());
                                    return offer.departmentId();
                                }))))
                .distinct()
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(departmentId -> route(decision, departmentId))
                .then(offers.reschedule(tenantId))
                .then(finish(decision));
    }

    /**
     * The tenant's snapshot changed (ADR 12). Whoever left its agents (deactivated, deleted) loses
     * their open offers at once, as an agent going offline does, and their open chats go back to
     * the front of their department's queue keeping the time their visitors began waiting; the
     * waiting chats of a department that left it move to the tenant's first department. Then the
     * queues are routed, so the next available agent is offered them. A second look at the same
     * snapshot finds nothing of either kind left, so redeliveries change nothing.
     */
    public Mono<Void> tenantChanged(Decision decision) {
        TenantConfig config = decision.config();
        if (!config.known()) {
            return Mono.empty(); // no snapshot to compare with: nothing may be taken for removed
        }
        Set<UUID> toRoute = new LinkedHashSet<>();
        List<QueueEntry> entered = new ArrayList<>();
        return withdrawOffersOfFormerAgents(decision, toRoute)
                .then(requeueChatsOfFormerAgents(decision, toRoute, entered))
                .then(moveQueuesOfRemovedDepartments(decision, toRoute, entered))
                .then(Flux.defer(() -> Flux.fromIterable(List.copyOf(toRoute)))
                        .concatMap(departmentId -> route(decision, departmentId))
                        .then())
                .then(finish(decision))
                .then(Flux.defer(() -> Flux.fromIterable(List.copyOf(entered)))
                        .concatMap(entry -> tellIfNobodyOnline(decision, entry))
                        .then());
    }

    private Mono<Void> withdrawOffersOfFormerAgents(Decision decision, Set<UUID> toRoute) {
        UUID tenantId = decision.tenantId();
        return offers.closeAllExcept(tenantId, decision.config().agents().keySet())
                .doOnNext(offer -> {
                    decision.deliver(
                            agent(tenantId, offer.agentId()), Frames.offerRevoked(offer.conversationId(), WITHDRAWN));
                    decision.returnedToQueue(offer.conversationId());
                    decision.queueChanged(offer.departmentId());
                    toRoute.add(offer.departmentId());
                })
                .then();
    }

    /** Queued all before any is routed, so that none is offered after a chat queued behind it. */
    private Mono<Void> requeueChatsOfFormerAgents(Decision decision, Set<UUID> toRoute, List<QueueEntry> entered) {
        UUID tenantId = decision.tenantId();
        // Collected first: the statements that follow share the transaction's connection.
        return assignments
                .heldByOthersThan(tenantId, decision.config().agents().keySet())
                .collectList()
                .filter(held -> !held.isEmpty())
                .flatMap(held -> Flux.fromIterable(held)
                        .concatMap(assignment -> requeue(decision, assignment))
                        .doOnNext(entry -> {
                            entered.add(entry);
                            toRoute.add(entry.departmentId());
                        })
                        .then(Mono.fromRunnable(() -> held.stream()
                                .map(Assignment::agentId)
                                .distinct()
                                .forEach(agentId -> log.info(
                                        "Agent {} left tenant {}: {} open chat(s) back at the front of their queue",
                                        agentId,
                                        tenantId,
                                        held.stream()
                                                .filter(assignment ->
                                                        assignment.agentId().equals(agentId))
                                                .count())))))
                .then();
    }

    private Mono<QueueEntry> requeue(Decision decision, Assignment assignment) {
        UUID tenantId = decision.tenantId();
        TenantConfig config = decision.config();
        UUID conversationId = assignment.conversationId();
        // Its own department when it still exists, else where a removed department's queue goes.
        UUID departmentId = config.department(assignment.departmentId()).isPresent()
                ? assignment.departmentId()
                : config.firstDepartment().orElse(assignment.departmentId());
        QueueEntry entry = new QueueEntry(
                conversationId,
                departmentId,
                assignment.visitorId(),
                assignment.visitorName(),
                assignment.answers(),
                assignment.pageUrl(),
                assignment.enqueuedAt(),
                QueueEntry.REQUEUED,
                Set.of(assignment.agentId()),
                assignment.agentId(),
                null);
        return assignments
                .remove(tenantId, conversationId)
                .then(agents.released(tenantId, assignment.agentId()))
                .then(queue.enqueue(tenantId, entry))
                .then(Mono.fromCallable(() -> {
                    decision.enteredQueue(conversationId);
                    decision.queueChanged(departmentId);
                    return entry;
                }));
    }

    private Mono<Void> moveQueuesOfRemovedDepartments(Decision decision, Set<UUID> toRoute, List<QueueEntry> entered) {
        UUID tenantId = decision.tenantId();
        TenantConfig config = decision.config();
        Optional<UUID> first = config.firstDepartment();
        if (first.isEmpty()) {
            return Mono.empty(); // tenant-service keeps a tenant's last department; nowhere to move to
        }
        UUID to = first.get();
        return queue.outside(tenantId, config.departments().keySet())
                .collectList()
                .filter(stranded -> !stranded.isEmpty())
                .flatMap(stranded -> Flux.fromIterable(stranded)
                        .concatMap(entry -> moveTo(decision, entry, to))
                        .doOnNext(entry -> {
                            entered.add(entry);
                            toRoute.add(to);
                        })
                        .then(Mono.fromRunnable(() -> stranded.stream()
                                .map(QueueEntry::departmentId)
                                .distinct()
                                .forEach(removed -> log.info(
                                        "Department {} of tenant {} was removed: {} waiting chat(s) moved to"
                                                + " the queue of department {}",
                                        removed,
                                        tenantId,
                                        stranded.stream()
                                                .filter(entry ->
                                                        entry.departmentId().equals(removed))
                                                .count(),
                                        to)))))
                .then();
    }

    /** An offer there is withdrawn: the department's agents no longer take its chats. */
    private Mono<QueueEntry> moveTo(Decision decision, QueueEntry entry, UUID departmentId) {
        UUID tenantId = decision.tenantId();
        UUID conversationId = entry.conversationId();
        return offers.close(tenantId, conversationId)
                .doOnNext(offer -> decision.deliver(
                        agent(tenantId, offer.agentId()), Frames.offerRevoked(conversationId, WITHDRAWN)))
                .then(queue.moveTo(tenantId, conversationId, departmentId))
                .then(Mono.fromCallable(() -> {
                    decision.enteredQueue(conversationId);
                    decision.queueChanged(entry.departmentId());
                    decision.queueChanged(departmentId);
                    return new QueueEntry(
                            conversationId,
                            departmentId,
                            entry.visitorId(),
                            entry.visitorName(),
                            entry.answers(),
                            entry.pageUrl(),
                            entry.enqueuedAt(),
                            entry.priority(),
                            entry.declinedBy(),
                            entry.previousAgentId(),
                            null);
                }));
    }

    private Mono<Void> acceptWaiting(Decision decision, QueueEntry entry, UUID agentId) {
        UUID tenantId = decision.tenantId();
        UUID conversationId = entry.conversationId();
        return optional(offers.find(tenantId, conversationId)).flatMap(open -> {
            if (open.isPresent()) {
                Offer offer = open.get();
                if (!offer.agentId().equals(agentId)) {
                    return revoke(decision, agentId, conversationId, TAKEN);
                }
                if (!offer.isOpenAt(decision.now())) {
                    return revoke(decision, agentId, conversationId, EXPIRED); // the sweep offers it on
                }
                // Its room was held by the offer; only a lowered maxChats can have taken it since.
                return agents.load(tenantId, agentId)
                        .flatMap(load -> load.activeChats() < decision.config().maxChats(agentId)
                                ? assign(decision, entry, agentId)
                                : revoke(decision, agentId, conversationId, WITHDRAWN));
            }
            boolean member = decision.config().departmentsOf(agentId).contains(entry.departmentId());
            if (!member) {
                return revoke(decision, agentId, conversationId, WITHDRAWN);
            }
            return loadOf(decision, agentId)
                    .flatMap(load -> load < decision.config().maxChats(agentId)
                            ? assign(decision, entry, agentId)
                            : revoke(decision, agentId, conversationId, WITHDRAWN));
        });
    }

    private Mono<Void> refuseAcceptOfUnqueued(Decision decision, UUID conversationId, UUID agentId) {
        return optional(assignments.find(decision.tenantId(), conversationId)).flatMap(assigned -> {
            if (assigned.isEmpty()) {
                // Closed, or not a conversation of this tenant at all: the two look the same.
                return revoke(decision, agentId, conversationId, WITHDRAWN);
            }
            return assigned.get().agentId().equals(agentId)
                    ? Mono.<Void>empty() // a repeated accept of a chat they have
                    : revoke(decision, agentId, conversationId, TAKEN);
        });
    }

    private Mono<Void> assign(Decision decision, QueueEntry entry, UUID agentId) {
        UUID tenantId = decision.tenantId();
        UUID conversationId = entry.conversationId();
        UUID departmentId = entry.departmentId();
        Instant now = decision.now();
        String agentName = decision.config().agentName(agentId);
        var assigned = new ConversationAssigned(conversationId, agentId, departmentId, entry.previousAgentId(), now);
        return offers.close(tenantId, conversationId)
                .filter(offer -> !offer.agentId().equals(agentId))
                .doOnNext(offer ->
                        decision.deliver(agent(tenantId, offer.agentId()), Frames.offerRevoked(conversationId, TAKEN)))
                .then(queue.remove(tenantId, conversationId))
                .then(assignments.add(
                        tenantId,
                        new Assignment(
                                conversationId,
                                agentId,
                                departmentId,
                                entry.visitorId(),
                                entry.visitorName(),
                                entry.answers(),
                                entry.pageUrl(),
                                now,
                                entry.enqueuedAt())))
                .then(agents.took(tenantId, agentId, decision.config().maxChats(agentId), now))
                // A chat back from an agent who left has waited since before that agent's chat with
                // it: not a sample of how long this department's queue takes.
                .then(
                        entry.priority() == QueueEntry.REQUEUED
                                ? Mono.<Void>empty()
                                : waits.waited(tenantId, departmentId, Duration.between(entry.enqueuedAt(), now), now))
                // Keyed by conversation: session-service reads it in order with the conversation's other events.
                .then(outbox.append(
                        AGGREGATE,
                        event(EventTypes.CONVERSATION_ASSIGNED, decision, conversationId.toString(), assigned)))
                .then(Mono.fromRunnable(() -> {
                    decision.queueChanged(departmentId);
                    announceAssignment(decision, conversationId, agentId, agentName);
                }));
    }

    private Mono<Void> transferToAgent(Decision decision, Assignment assignment, UUID by, UUID toAgent) {
        UUID tenantId = decision.tenantId();
        UUID conversationId = assignment.conversationId();
        UUID fromAgent = assignment.agentId();
        if (toAgent.equals(fromAgent)) {
            return Mono.empty();
        }
        if (decision.config().agent(toAgent).isEmpty()) {
            return refuse(decision, by, conversationId, "not_found", "No such agent");
        }
        String name = decision.config().agentName(toAgent);
        int maxChats = decision.config().maxChats(toAgent);
        return presence.statusOf(tenantId, toAgent, decision.now()).flatMap(status -> {
            if (status != AgentStatus.ONLINE) {
                return refuse(decision, by, conversationId, "transfer_refused", name + " is not online");
            }
            return loadOf(decision, toAgent).flatMap(load -> {
                if (load >= maxChats) {
                    return refuse(
                            decision, by, conversationId, "transfer_refused", name + " has no room for another chat");
                }
                var assigned = new ConversationAssigned(
                        conversationId, toAgent, assignment.departmentId(), fromAgent, decision.now());
                return assignments
                        .handOver(tenantId, conversationId, toAgent, decision.now())
                        .then(agents.released(tenantId, fromAgent))
                        .then(agents.took(tenantId, toAgent, maxChats, decision.now()))
                        .then(outbox.append(
                                AGGREGATE,
                                event(EventTypes.CONVERSATION_ASSIGNED, decision, conversationId.toString(), assigned)))
                        .then(Mono.fromRunnable(() -> announceAssignment(decision, conversationId, toAgent, name)))
                        .then(routeFor(decision, fromAgent));
            });
        });
    }

    private Mono<Void> transferToDepartment(Decision decision, Assignment assignment, UUID by, UUID toDepartment) {
        UUID tenantId = decision.tenantId();
        UUID conversationId = assignment.conversationId();
        if (decision.config().department(toDepartment).isEmpty()) {
            return refuse(decision, by, conversationId, "not_found", "No such department");
        }
        // The agent who handed it on is not offered it back.
        QueueEntry entry = new QueueEntry(
                conversationId,
                toDepartment,
                assignment.visitorId(),
                assignment.visitorName(),
                assignment.answers(),
                assignment.pageUrl(),
                decision.now(),
                QueueEntry.TRANSFERRED,
                Set.of(assignment.agentId()),
                assignment.agentId(),
                null);
        return assignments
                .remove(tenantId, conversationId)
                .then(agents.released(tenantId, assignment.agentId()))
                .then(queue.enqueue(tenantId, entry))
                .then(enteredQueue(decision, entry))
                .then(routeFor(decision, assignment.agentId()));
    }

    /** A conversation entered a queue: offer it, tell the visitor where they stand, and whether anyone is there. */
    private Mono<Void> enteredQueue(Decision decision, QueueEntry entry) {
        decision.enteredQueue(entry.conversationId());
        decision.queueChanged(entry.departmentId());
        return route(decision, entry.departmentId()).then(finish(decision)).then(tellIfNobodyOnline(decision, entry));
    }

    /** No agent of the department online: the visitor hears it at once, and may leave a message. */
    private Mono<Void> tellIfNobodyOnline(Decision decision, QueueEntry entry) {
        UUID tenantId = decision.tenantId();
        List<TenantUpdated.Agent> members = decision.config().agentsOf(entry.departmentId());
        return presence.online(tenantId, decision.now()).flatMap(online -> {
            if (members.stream().anyMatch(member -> online.contains(member.agentId()))) {
                return Mono.<Void>empty();
            }
            UUID conversationId = entry.conversationId();
            decision.deliver(
                    conversation(tenantId, conversationId), Frames.unavailable(conversationId, NO_AGENT_ONLINE));
            var unavailable = new ConversationUnavailable(
                    conversationId,
                    entry.departmentId(),
                    ConversationUnavailable.Reason.NO_AGENT_ONLINE,
                    decision.now());
            return outbox.append(
                    AGGREGATE, event(EventTypes.CONVERSATION_UNAVAILABLE, decision, tenantId.toString(), unavailable));
        });
    }

    /** The agent has one chat fewer: the room goes to whatever waits in their departments. */
    private Mono<Void> released(Decision decision, UUID agentId) {
        return agents.released(decision.tenantId(), agentId).then(routeFor(decision, agentId));
    }

    /** Routes every department of the agent: they came online or got room for another chat. */
    private Mono<Void> routeFor(Decision decision, UUID agentId) {
        return Flux.fromIterable(decision.config().departmentsOf(agentId))
                .concatMap(departmentId -> route(decision, departmentId))
                .then();
    }

    /**
     * Offers the department's waiting chats that nobody has on offer, least busy agent first,
     * until nobody online has room. Pick-up departments get no offers: their agents see the
     * queue and take what they choose.
     */
    private Mono<Void> route(Decision decision, UUID departmentId) {
        if (decision.config().mode(departmentId) != RoutingMode.OFFER) {
            return Mono.empty();
        }
        List<TenantUpdated.Agent> members = decision.config().agentsOf(departmentId).stream()
                .filter(member -> member.maxChats() > 0)
                .toList();
        if (members.isEmpty()) {
            return Mono.empty();
        }
        return queue.notOffered(decision.tenantId(), departmentId)
                .collectList()
                .filter(waiting -> !waiting.isEmpty())
                .flatMap(waiting -> candidates(decision, members)
                        .flatMapMany(candidates -> Flux.fromIterable(LeastBusy.plan(waiting, candidates)))
                        .concatMap(pick -> offer(decision, pick.entry(), pick.agentId()))
                        .then());
    }

    private Mono<List<Candidate>> candidates(Decision decision, List<TenantUpdated.Agent> members) {
        UUID tenantId = decision.tenantId();
        // One after the other: the statements share the transaction's connection.
        return presence.online(tenantId, decision.now()).flatMap(online -> agents.loads(tenantId)
                .flatMap(loads -> offers.countsByAgent(tenantId).map(offered -> members.stream()
                        .filter(member -> online.contains(member.agentId()))
                        .map(member -> {
                            AgentLoad load = loads.getOrDefault(member.agentId(), AgentLoad.IDLE);
                            return new Candidate(
                                    member.agentId(),
                                    load.activeChats() + offered.getOrDefault(member.agentId(), 0),
                                    member.maxChats(),
                                    load.lastAssignedAt());
                        })
                        .toList())));
    }

    private Mono<Void> offer(Decision decision, QueueEntry entry, UUID agentId) {
        UUID tenantId = decision.tenantId();
        UUID conversationId = entry.conversationId();
        Instant expiresAt = decision.now().plus(decision.config().acceptTimeout(offerProperties.acceptTimeout()));
        var offer = new Offer(conversationId, agentId, entry.departmentId(), decision.now(), expiresAt);
        decision.offered(conversationId);
        decision.deliver(
                agent(tenantId, agentId),
                Frames.offer(conversationId, entry.departmentId(), entry.visitorName(), expiresAt));
        var offered = new ConversationOffered(conversationId, agentId, decision.now(), expiresAt);
        return offers.open(tenantId, offer)
                .then(outbox.append(
                        AGGREGATE, event(EventTypes.CONVERSATION_OFFERED, decision, tenantId.toString(), offered)));
    }

    /** The agent stopped taking chats: their open offers go to others. */
    private Mono<Void> withdrawOffersOf(Decision decision, UUID agentId) {
        UUID tenantId = decision.tenantId();
        return offers.closeAllOf(tenantId, agentId)
                .collectList()
                .flatMapMany(withdrawn -> Flux.fromIterable(withdrawn).map(offer -> {
                    decision.deliver(agent(tenantId, agentId), Frames.offerRevoked(offer.conversationId(), WITHDRAWN));
                    decision.returnedToQueue(offer.conversationId());
                    decision.queueChanged(offer.departmentId());
                    return offer.departmentId();
                }))
                .distinct()
                .concatMap(departmentId -> route(decision, departmentId))
                .then();
    }

    /**
     * Publishes what changed in the queues (snapshots, positions) and the queued events owed,
     * now that the positions are known. Safe to call more than once in a decision.
     */
    private Mono<Void> finish(Decision decision) {
        return queues.publishChanges(decision)
                .flatMapMany(placements -> Flux.fromIterable(decision.takeOwedQueuedEvents())
                        .filter(placements::containsKey)
                        .concatMap(conversationId -> {
                            Queues.Placement placement = placements.get(conversationId);
                            var queued = new ConversationQueued(
                                    conversationId, placement.departmentId(), placement.position(), decision.now());
                            return outbox.append(
                                    AGGREGATE,
                                    event(
                                            EventTypes.CONVERSATION_QUEUED,
                                            decision,
                                            decision.tenantId().toString(),
                                            queued));
                        }))
                .then();
    }

    /** Chats held plus offers open: what capacity is measured against. */
    private Mono<Integer> loadOf(Decision decision, UUID agentId) {
        return agents.load(decision.tenantId(), agentId).flatMap(load -> offers.countsByAgent(decision.tenantId())
                .map(offered -> load.activeChats() + offered.getOrDefault(agentId, 0)));
    }

    private void announceAssignment(Decision decision, UUID conversationId, UUID agentId, String agentName) {
        String frame = Frames.assigned(conversationId, agentId, agentName);
        decision.deliver(conversation(decision.tenantId(), conversationId), frame);
        // The gateway subscribes the agent's sockets to the conversation when it sees this.
        decision.deliver(agent(decision.tenantId(), agentId), frame);
    }

    private static Mono<Void> revoke(Decision decision, UUID agentId, UUID conversationId, String reason) {
        decision.deliver(agent(decision.tenantId(), agentId), Frames.offerRevoked(conversationId, reason));
        return Mono.empty();
    }

    private static Mono<Void> refuse(
            Decision decision, UUID agentId, UUID conversationId, String code, String message) {
        log.info("Transfer of {} by {} refused: {}", conversationId, agentId, code);
        decision.deliver(agent(decision.tenantId(), agentId), Frames.error(code, message, TRANSFER, conversationId));
        return Mono.empty();
    }

    private static <T> EventEnvelope<T> event(EventType<T> type, Decision decision, String key, T data) {
        return EventEnvelope.of(type, SOURCE, decision.now(), decision.tenantId(), key, data);
    }

    private static <T> Mono<Optional<T>> optional(Mono<T> lookup) {
        return lookup.map(Optional::of).defaultIfEmpty(Optional.empty());
    }
}
