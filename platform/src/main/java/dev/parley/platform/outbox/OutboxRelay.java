package dev.parley.platform.outbox;

import dev.parley.contracts.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.codec.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes outbox rows to Kafka, oldest first, and deletes them once Kafka acknowledged them.
 *
 * <p>Each batch is one transaction that first takes a transaction-scoped advisory lock on the
 * schema's outbox: any number of instances may run a relay, one publishes at a time, so rows of
 * a key leave in the order they were written. Sends of a batch are issued together and awaited
 * together; the idempotent producer keeps their order within each partition. Delivery is at
 * least once: a crash between Kafka's acknowledgement and the commit re-sends the batch, which
 * consumers recognise by event id ({@code IdempotentConsumer}).
 *
 * <p>Stopping lets the batch in flight finish and starts no other, so a stop never causes a
 * re-send.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Counter published;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean soonScheduled = new AtomicBoolean();
    private volatile @Nullable FluxSink<Boolean> wakeups;
    private volatile Sinks.Empty<Void> stopSignal = Sinks.empty();
    private volatile @Nullable Disposable loop;
    private volatile @Nullable Runnable onStopped;

    public OutboxRelay(
            DatabaseClient db,
            TransactionalOperator transactions,
            KafkaTemplate<String, byte[]> kafka,
            OutboxProperties properties,
            MeterRegistry meters) {
        this.db = db;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.published = Counter.builder("parley.outbox.published")
                .description("Outbox events acknowledged by Kafka")
                .register(meters);
    }

    /**
     * Asks for a publication round within {@link OutboxProperties#batchedDelay}: however many ask
     * meanwhile, one round publishes what all of them wrote.
     */
    public void wakeUpSoon() {
        if (soonScheduled.compareAndSet(false, true)) {
            Schedulers.parallel()
                    .schedule(
                            () -> {
                                soonScheduled.set(false);
                                wakeUp();
                            },
                            properties.batchedDelay().toMillis(),
                            TimeUnit.MILLISECONDS);
        }
    }

    /** Asks for a publication round now, typically right after a transaction wrote outbox rows. */
    public void wakeUp() {
        FluxSink<Boolean> sink = wakeups;
        if (sink != null) {
            sink.next(Boolean.TRUE);
        }
    }

    @Override
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        stopSignal = Sinks.empty();
        Flux<Boolean> ticks = Flux.merge(
                        Flux.<Boolean>create(sink -> wakeups = sink, FluxSink.OverflowStrategy.LATEST),
                        Flux.interval(properties.pollInterval()).map(tick -> Boolean.TRUE))
                // While a round runs, any number of wake-ups collapse into one more round.
                .onBackpressureLatest();
        loop = ticks.takeUntilOther(stopSignal.asMono())
                .concatMap(tick -> drain(), 1)
                .doFinally(signal -> {
                    wakeups = null;
                    Runnable callback = onStopped;
                    onStopped = null;
                    if (callback != null) {
                        callback.run();
                    }
                })
                .subscribe();
        wakeUp();
    }

    @Override
    public void stop(Runnable callback) {
        if (!running.compareAndSet(true, false)) {
            callback.run();
            return;
        }
        onStopped = callback;
        stopSignal.tryEmitEmpty();
    }

    @Override
    public void stop() {
        stop(() -> {});
    }

    @Override
    public boolean isAutoStartup() {
        return properties.relayEnabled();
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Publishes batch after batch until the outbox is empty, another instance holds it, or we stop. */
    private Mono<Void> drain() {
        return publishBatch()
                .expand(count -> count >= properties.batchSize() && running.get() ? publishBatch() : Mono.empty())
                .then()
                .onErrorResume(e -> {
                    // Kafka or Postgres unavailable: the rows stay, the next tick retries.
                    log.warn("outbox relay round failed, will retry: {}", e.toString());
                    return Mono.empty();
                });
    }

    /** One transaction: lock the outbox, send the oldest rows, await Kafka, delete them. */
    Mono<Integer> publishBatch() {
        Mono<Integer> batch = db.sql("select pg_try_advisory_xact_lock(hashtext('parley.outbox.' || current_schema()))")
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one()
                .flatMap(locked -> locked ? publishPending() : Mono.just(0));
        return transactions.transactional(batch);
    }

    private Mono<Integer> publishPending() {
        return db.sql("select position, id, tenant_id, aggregate_id, type, topic, source, occurred_at, payload"
                        + " from outbox order by position limit $1")
                .bind(0, properties.batchSize())
                .map(row -> new Pending(
                        row.get("position", Long.class),
                        row.get("id", UUID.class),
                        row.get("tenant_id", UUID.class),
                        row.get("aggregate_id", String.class),
                        row.get("type", String.class),
                        row.get("topic", String.class),
                        row.get("source", String.class),
                        row.get("occurred_at", Instant.class),
                        row.get("payload", Json.class).asArray()))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0) : send(rows).then(delete(rows)));
    }

    private Mono<Void> send(List<Pending> rows) {
        // Issue every send before awaiting any: one round trip for the batch, order kept per partition.
        CompletableFuture<?>[] acks =
                rows.stream().map(row -> kafka.send(row.toRecord())).toArray(CompletableFuture[]::new);
        return Mono.fromFuture(CompletableFuture.allOf(acks));
    }

    private Mono<Integer> delete(List<Pending> rows) {
        Long[] positions = rows.stream().map(Pending::position).toArray(Long[]::new);
        return db.sql("delete from outbox where position = any($1)")
                .bind(0, positions)
                .fetch()
                .rowsUpdated()
                .doOnNext(published::increment)
                .thenReturn(rows.size());
    }

    private record Pending(
            long position,
            UUID id,
            UUID tenantId,
            String key,
            String type,
            String topic,
            String source,
            Instant occurredAt,
            byte[] payload) {

        ProducerRecord<String, byte[]> toRecord() {
            var record = new ProducerRecord<String, byte[]>(topic, key, payload);
            new EventEnvelope<>(id, type, source, occurredAt, tenantId, key, payload)
                    .headers()
                    .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            return record;
        }
    }
}
