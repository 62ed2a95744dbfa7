package dev.parley.routing.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One routing decision in the making: what it knows (the tenant's configuration, the time the
 * tenant's lock was taken) and what it owes once its transaction has committed (frames for Redis).
 * Created afresh for every attempt, so a retried transaction never publishes a failed attempt's
 * frames; used by one pipeline at a time, never concurrently.
 */
public final class Decision {

    private final TenantConfig config;
    private final List<Publication> publications = new ArrayList<>();
    private final Set<UUID> changedQueues = new LinkedHashSet<>();
    private final Map<UUID, Boolean> owedQueuedEvents = new LinkedHashMap<>();
    private final CompletableFuture<Void> publication = new CompletableFuture<>();
    private CompletableFuture<Void> previousPublication = CompletableFuture.completedFuture(null);
    private @Nullable Instant now;

    Decision(TenantConfig config) {
        this.config = config;
    }

    public UUID tenantId() {
        return config.tenantId();
    }

    public TenantConfig config() {
        return config;
    }

    /**
     * The database's clock when the tenant's lock was granted. Every time a decision stores or
     * compares comes from this one clock, so instances with skewed clocks still agree on expiry.
     */
    public Instant now() {
        Instant locked = now;
        if (locked == null) {
            throw new IllegalStateException("the decision has not taken its tenant's lock yet");
        }
        return locked;
    }

    void locked(Instant at, CompletableFuture<Void> previousPublication) {
        this.now = at;
        this.previousPublication = previousPublication;
    }

    /** Completes when this decision's frames are out, or it failed: the next decision's may go. */
    CompletableFuture<Void> publication() {
        return publication;
    }

    CompletableFuture<Void> previousPublication() {
        return previousPublication;
    }

    void published() {
        publication.complete(null);
    }

    /** A frame for {@code channel}, published only after the decision committed. */
    public void deliver(String channel, String frame) {
        publications.add(new Publication(channel, frame));
    }

    /** The department's queue changed: its snapshot and the positions are sent before commit. */
    public void queueChanged(UUID departmentId) {
        changedQueues.add(departmentId);
    }

    /** The queues changed since the last call, in the order they changed. */
    public List<UUID> takeChangedQueues() {
        List<UUID> taken = List.copyOf(changedQueues);
        changedQueues.clear();
        return taken;
    }

    /**
     * The conversation entered a queue (a request, a transfer to a department): a {@code
     * routing.conversation.queued.v1} is owed once its position is known.
     */
    public void enteredQueue(UUID conversationId) {
        owedQueuedEvents.put(conversationId, Boolean.FALSE);
    }

    /**
     * The conversation's offer was declined or expired: it is queued again, and readers are told
     * so unless this same decision offers it to someone else.
     */
    public void returnedToQueue(UUID conversationId) {
        owedQueuedEvents.putIfAbsent(conversationId, Boolean.TRUE);
    }

    /** It was offered again: a return to the queue that nobody noticed needs no event. */
    public void offered(UUID conversationId) {
        owedQueuedEvents.remove(conversationId, Boolean.TRUE);
    }

    /** The conversations owed a queued event, in the order they were queued. */
    public List<UUID> takeOwedQueuedEvents() {
        List<UUID> taken = List.copyOf(owedQueuedEvents.keySet());
        owedQueuedEvents.clear();
        return taken;
    }

    List<Publication> publications() {
        return List.copyOf(publications);
    }

    record Publication(String channel, String frame) {}
}
