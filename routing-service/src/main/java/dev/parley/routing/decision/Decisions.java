package dev.parley.routing.decision;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.consumer.IdempotentConsumer;
import dev.parley.platform.delivery.Delivery;
import dev.parley.platform.delivery.DeliveryPublisher;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Runs routing decisions. Each is one transaction of its tenant that first takes a
 * transaction-scoped advisory lock on the tenant: a tenant's decisions run one at a time across
 * every routing instance, so two of them never assign one conversation twice or fill one agent
 * beyond capacity, whichever instance consumed which partition. Frames are published to Redis
 * only after the commit: a rolled-back decision tells nobody anything.
 */
@Component
public final class Decisions {

    private static final Logger log = LoggerFactory.getLogger(Decisions.class);

    /** How long a decision waits for the directory to learn of a tenant it has not read yet (startup). */
    private static final Duration DIRECTORY_WAIT = Duration.ofSeconds(5);

    /** The longest a decision's frames wait for those of the decision before it. */
    private static final Duration PREDECESSOR_WAIT = Duration.ofSeconds(1);

    /** A lock timeout, deadlock or dropped connection: the whole decision is tried again. */
    private static final RetryBackoffSpec TRANSIENT_FAILURES = Retry.backoff(3, Duration.ofMillis(50))
            .filter(failure -> failure instanceof TransientDataAccessException)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure());

    private final TenantTransactions transactions;
    private final IdempotentConsumer idempotentConsumer;
    private final DatabaseClient db;
    private final TenantDirectory directory;
    private final DeliveryPublisher publisher;
    private final MeterRegistry meters;

    /** Per tenant, the publication of the decision that took the lock last in this instance. */
    private final Map<UUID, CompletableFuture<Void>> lastPublications = new ConcurrentHashMap<>();

    public Decisions(
            TenantTransactions transactions,
            IdempotentConsumer idempotentConsumer,
            DatabaseClient db,
            TenantDirectory directory,
            DeliveryPublisher publisher,
            MeterRegistry meters) {
        this.transactions = transactions;
        this.idempotentConsumer = idempotentConsumer;
        this.db = db;
        this.directory = directory;
        this.publisher = publisher;
        this.meters = meters;
    }

    /**
     * Decides on {@code event} unless {@code consumer} has decided on it before: the event id is
     * recorded in the decision's transaction, so a redelivery changes nothing. Emits whether it ran.
     */
    public Mono<Boolean> onEvent(String consumer, EventEnvelope<?> event, Function<Decision, Mono<Void>> work) {
        Mono<TenantConfig> deciding =
                event.data() instanceof TenantUpdated snapshot ? configAtLeast(snapshot) : config(event.tenantId());
        return deciding.flatMap(config -> Mono.defer(() -> {
                    Decision decision = new Decision(config);
                    return idempotentConsumer
                            .apply(consumer, event, () -> lockThen(decision, work))
                            .flatMap(applied -> applied
                                    ? committed(decision, consumer).thenReturn(Boolean.TRUE)
                                    : Mono.just(Boolean.FALSE))
                            .doFinally(signal -> finished(decision));
                })
                .retryWhen(TRANSIENT_FAILURES));
    }

    /**
     * Decides for {@code tenantId} on no event: a timer (offer expiry).
     *
     * @param trigger what asked for the decision, for the metrics
     */
    public Mono<Void> run(UUID tenantId, String trigger, Function<Decision, Mono<Void>> work) {
        return config(tenantId).flatMap(config -> Mono.defer(() -> {
                    Decision decision = new Decision(config);
                    return transactions
                            .inTenant(tenantId, () -> lockThen(decision, work))
                            .then(Mono.defer(() -> committed(decision, trigger)))
                            .doFinally(signal -> finished(decision));
                })
                .retryWhen(TRANSIENT_FAILURES));
    }

    private Mono<Void> lockThen(Decision decision, Function<Decision, Mono<Void>> work) {
        // Released at commit or rollback by Postgres itself: a crashed instance holds nothing.
        return db.sql("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(0, "parley.routing:" + decision.tenantId())
                .then()
                // Read after the lock was granted: a decision that waited sees the time it runs at.
                .then(db.sql("select clock_timestamp()")
                        .map(row -> row.get(0, Instant.class))
                        .one())
                .doOnNext(now -> decision.locked(now, queueForPublication(decision)))
                .then(Mono.defer(() -> work.apply(decision)));
    }

    /**
     * Decisions of a tenant commit in the order they took its lock; their frames should reach
     * Redis in that order too, or a visitor could be left looking at an older position than
     * their latest. Taken under the lock, so within this instance the queue is the commit order.
     * (Across instances no such order exists; the next change corrects a stale frame.)
     */
    private CompletableFuture<Void> queueForPublication(Decision decision) {
        CompletableFuture<Void> previous = lastPublications.put(decision.tenantId(), decision.publication());
        return previous == null ? CompletableFuture.completedFuture(null) : previous;
    }

    private Mono<Void> committed(Decision decision, String trigger) {
        meters.counter("parley.routing.decisions", "trigger", trigger).increment();
        return publishInOrder(decision);
    }

    private Mono<Void> publishInOrder(Decision decision) {
        return Mono.fromFuture(decision.previousPublication(), true)
                // A predecessor that never finishes must not silence the tenant.
                .timeout(PREDECESSOR_WAIT, Mono.empty())
                .then(publish(decision));
    }

    /** Published, rolled back or failed: the tenant's next decision need not wait for this one. */
    private void finished(Decision decision) {
        decision.published();
        lastPublications.remove(decision.tenantId(), decision.publication());
    }

    /**
     * For a decision on a tenant's snapshot: this instance's directory copy once it holds that
     * revision or a later one, so that the decisions after this one here route by it too. A late
     * older snapshot therefore decides by the newer copy and undoes nothing. When the directory
     * does not catch up in time, the snapshot itself, which is then the newest known.
     */
    private Mono<TenantConfig> configAtLeast(TenantUpdated snapshot) {
        return directory
                .awaitRevision(snapshot.tenantId(), snapshot.revision(), DIRECTORY_WAIT)
                .defaultIfEmpty(snapshot)
                .map(TenantConfig::of);
    }

    private Mono<TenantConfig> config(UUID tenantId) {
        return Mono.justOrEmpty(directory.tenant(tenantId))
                .switchIfEmpty(Mono.defer(() -> directory.awaitTenant(tenantId, DIRECTORY_WAIT)))
                .map(TenantConfig::of)
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    // Still route: the conversation waits in its queue and is told nobody is online.
                    log.warn(
                            "Tenant {} is not in the tenant directory; deciding with no departments or agents",
                            tenantId);
                    return TenantConfig.empty(tenantId);
                }));
    }

    /** Redis is the lossy fast path: a failed publish is logged, never undoes the committed decision. */
    private Mono<Void> publish(Decision decision) {
        // Deferred: the publications exist only once the decision has run.
        return Mono.defer(() -> publisher.publishAll(decision.publications().stream()
                        .map(publication -> DeliveryPublisher.Outgoing.of(
                                publication.channel(), Delivery.ephemeral(publication.frame())))
                        .toList()))
                .onErrorResume(failure -> {
                    log.warn(
                            "Publishing the frames of a decision for tenant {} failed: {}",
                            decision.tenantId(),
                            failure.toString());
                    return Mono.empty();
                });
    }
}
