package dev.parley.platform.directory;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.Topics;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.messaging.EventRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * This instance's copy of every tenant's configuration (sites, departments, agents), read from
 * the compacted {@code tenant.state.v1} topic from its beginning and kept current. Every
 * instance reads all partitions without a consumer group: it is a cache, not a work queue.
 * Lookups are map reads, so the hot path never asks tenant-service.
 */
public final class TenantDirectory implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

    private final Map<String, Object> consumerConfig;
    private final Map<UUID, TenantUpdated> tenants = new ConcurrentHashMap<>();
    private final Map<String, SiteOfTenant> sitesByKey = new ConcurrentHashMap<>();
    private final Sinks.Many<TenantUpdated> changes = Sinks.many().multicast().directBestEffort();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile @Nullable KafkaConsumer<String, byte[]> consumer;
    private volatile @Nullable Thread reader;

    /** A site together with the tenant it belongs to. */
    public record SiteOfTenant(TenantUpdated tenant, TenantUpdated.Site site) {}

    public TenantDirectory(Map<String, Object> kafkaConsumerProperties) {
        var config = new java.util.HashMap<>(kafkaConsumerProperties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerConfig = Map.copyOf(config);
    }

    public Optional<TenantUpdated> tenant(UUID tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }

    /** Every tenant this instance knows, as of now: for sweeps that apply each tenant's own rules. */
    public java.util.Collection<TenantUpdated> tenants() {
        return List.copyOf(tenants.values());
    }

    /** A console user of the tenant (agent, supervisor, admin, owner), by id. */
    public Optional<TenantUpdated.Agent> agent(UUID tenantId, UUID agentId) {
        return tenant(tenantId).flatMap(tenant -> tenant.agents().stream()
                .filter(agent -> agent.agentId().equals(agentId))
                .findFirst());
    }

    public Optional<SiteOfTenant> siteByKey(String siteKey) {
        return Optional.ofNullable(sitesByKey.get(siteKey));
    }

    /** The tenant as soon as this instance knows it (at once when it does), or empty after {@code timeout}. */
    public Mono<TenantUpdated> awaitTenant(UUID tenantId, Duration timeout) {
        return Mono.defer(() -> {
            TenantUpdated known = tenants.get(tenantId);
            if (known != null) {
                return Mono.just(known);
            }
            return changes.asFlux()
                    .filter(tenant -> tenant.tenantId().equals(tenantId))
                    .mergeWith(Mono.justOrEmpty(tenants.get(tenantId))) // arrived while subscribing
                    .next()
                    .timeout(timeout, Mono.empty());
        });
    }

    /**
     * The tenant once this instance holds it at {@code revision} or later (at once when it does),
     * or empty after {@code timeout}: for a decision that must not be made on an older copy.
     */
    public Mono<TenantUpdated> awaitRevision(UUID tenantId, long revision, Duration timeout) {
        return Mono.defer(() -> {
            TenantUpdated known = tenants.get(tenantId);
            if (known != null && known.revision() >= revision) {
                return Mono.just(known);
            }
            return changes.asFlux()
                    .mergeWith(Mono.fromSupplier(() -> tenants.get(tenantId))) // arrived while subscribing
                    .filter(tenant -> tenant.tenantId().equals(tenantId) && tenant.revision() >= revision)
                    .next()
                    .timeout(timeout, Mono.empty());
        });
    }

    /** Every snapshot applied from now on. */
    public Flux<TenantUpdated> changes() {
        return changes.asFlux();
    }

    void apply(TenantUpdated update) {
        TenantUpdated previous = tenants.get(update.tenantId());
        if (previous != null && previous.revision() >= update.revision()) {
            return; // a replay or a late duplicate
        }
        tenants.put(update.tenantId(), update);
        if (previous != null) {
            previous.sites().forEach(site -> sitesByKey.remove(site.siteKey()));
        }
        update.sites().forEach(site -> sitesByKey.put(site.siteKey(), new SiteOfTenant(update, site)));
        changes.tryEmitNext(update);
    }

    @Override
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        var kafka = new KafkaConsumer<String, byte[]>(consumerConfig);
        consumer = kafka;
        reader = Thread.ofPlatform().daemon().name("tenant-directory").start(() -> read(kafka));
    }

    private void read(KafkaConsumer<String, byte[]> kafka) {
        try (kafka) {
            List<TopicPartition> partitions = kafka.partitionsFor(Topics.TENANT_STATE, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                    applyRecord(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException e) {
            log.error("Tenant directory stopped reading {}", Topics.TENANT_STATE, e);
        }
    }

    private void applyRecord(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            UUID removed = UUID.fromString(record.key());
            TenantUpdated gone = tenants.remove(removed);
            if (gone != null) {
                gone.sites().forEach(site -> sitesByKey.remove(site.siteKey()));
            }
            return;
        }
        try {
            EventEnvelope<?> event = EventRecords.decode(record);
            if (event.type().equals(EventTypes.TENANT_UPDATED.name())) {
                apply((TenantUpdated) event.data());
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Skipping unreadable record at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            KafkaConsumer<String, byte[]> kafka = consumer;
            if (kafka != null) {
                kafka.wakeup();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
