package dev.parley.platform.config;

import dev.parley.contracts.EventCodec;
import dev.parley.contracts.EventContractException;
import dev.parley.contracts.Topics;
import dev.parley.platform.consumer.IdempotentConsumer;
import dev.parley.platform.delivery.DeliveryProperties;
import dev.parley.platform.delivery.DeliveryPublisher;
import dev.parley.platform.delivery.DeliverySubscriber;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.messaging.CommandSender;
import dev.parley.platform.messaging.DeadLetters;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.outbox.OutboxProperties;
import dev.parley.platform.outbox.OutboxRelay;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiErrorHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Wires the platform pieces into a service, each only where the service has what it needs on
 * its class path: Postgres (outbox, tenant transactions, idempotent consumer), Kafka (the event
 * producer and the relay), Redis (delivery channels). The gateway has no database; the widget
 * CDN has none of the three.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@EnableConfigurationProperties({OutboxProperties.class, DeliveryProperties.class, KafkaTopicsProperties.class})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return EventCodec.standard();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    ApiErrorHandler apiErrorHandler() {
        return new ApiErrorHandler();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaTemplate.class)
    static class EventPublishing {

        /**
         * The one producer of integration events and commands. Set here, not left to defaults:
         * acks=all and idempotence so an acknowledged event survives a broker loss and a retry
         * never doubles or reorders it; linger.ms=0 because Kafka 4's default of 5 ms is paid on
         * every interactive hop.
         */
        @Bean
        @ConditionalOnMissingBean(name = "eventKafkaTemplate")
        KafkaTemplate<String, byte[]> eventKafkaTemplate(KafkaProperties kafka) {
            Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            // spring.kafka.producer.properties[linger.ms] may ask for more.
            config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            return new KafkaTemplate<>(
                    new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer()));
        }

        /**
         * A record a listener cannot process is retried a few times (a passing database hiccup),
         * then parked on the topic's dead-letter topic so that it does not stall its partition.
         * Records that can never be read are parked at once.
         */
        @Bean
        @ConditionalOnMissingBean(CommonErrorHandler.class)
        DefaultErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, byte[]> eventKafkaTemplate) {
            var recoverer = new DeadLetterPublishingRecoverer(
                    eventKafkaTemplate, (record, failure) -> new TopicPartition(Topics.dlt(record.topic()), -1));
            var handler = new DefaultErrorHandler(recoverer, new FixedBackOff(200, 3));
            handler.addNotRetryableExceptions(EventContractException.class);
            return handler;
        }

        /** Every topic and its dead-letter topic, created when missing (KafkaAdmin applies them at start). */
        @Bean
        KafkaAdmin.NewTopics parleyTopics(KafkaTopicsProperties topics) {
            List<NewTopic> all = new ArrayList<>();
            for (String name : Topics.all()) {
                NewTopic topic = new NewTopic(name, topics.partitions(), topics.replicationFactor());
                if (name.equals(Topics.TENANT_STATE)) {
                    // Only the latest snapshot per tenant matters: compaction keeps the topic small forever.
                    topic.configs(Map.of("cleanup.policy", "compact"));
                }
                all.add(topic);
                all.add(new NewTopic(Topics.dlt(name), topics.partitions(), topics.replicationFactor()));
            }
            return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
        }

        @Bean
        DeadLetters deadLetters(KafkaTemplate<String, byte[]> eventKafkaTemplate) {
            return new DeadLetters(eventKafkaTemplate);
        }

        @Bean
        CommandSender commandSender(KafkaTemplate<String, byte[]> eventKafkaTemplate, EventCodec codec) {
            return new CommandSender(eventKafkaTemplate, codec);
        }

        @Bean
        @ConditionalOnProperty("parley.tenant-directory.enabled")
        TenantDirectory tenantDirectory(KafkaProperties kafka) {
            return new TenantDirectory(kafka.buildConsumerProperties());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ConnectionFactory.class, DatabaseClient.class})
    @ConditionalOnBean(ConnectionFactory.class)
    static class Persistence {

        @Bean
        @ConditionalOnMissingBean
        TransactionalOperator transactionalOperator(ConnectionFactory connectionFactory) {
            return TransactionalOperator.create(new R2dbcTransactionManager(connectionFactory));
        }

        @Bean
        TenantTransactions tenantTransactions(DatabaseClient db, TransactionalOperator transactions) {
            return new TenantTransactions(db, transactions);
        }

        @Bean
        Outbox outbox(DatabaseClient db, EventCodec codec, ObjectProvider<OutboxRelay> relay) {
            return new Outbox(
                    db,
                    codec,
                    () -> relay.ifAvailable(OutboxRelay::wakeUp),
                    () -> relay.ifAvailable(OutboxRelay::wakeUpSoon));
        }

        @Bean
        IdempotentConsumer idempotentConsumer(DatabaseClient db, TenantTransactions transactions) {
            return new IdempotentConsumer(db, transactions);
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(KafkaTemplate.class)
        static class Relay {

            @Bean
            OutboxRelay outboxRelay(
                    DatabaseClient db,
                    TransactionalOperator transactions,
                    KafkaTemplate<String, byte[]> eventKafkaTemplate,
                    OutboxProperties properties,
                    ObjectProvider<MeterRegistry> meters) {
                return new OutboxRelay(
                        db,
                        transactions,
                        eventKafkaTemplate,
                        properties,
                        meters.getIfAvailable(SimpleMeterRegistry::new));
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisClient.class)
    @ConditionalOnProperty("parley.redis.url")
    static class Delivery {

        @Bean(destroyMethod = "shutdown")
        RedisClient deliveryRedisClient(DeliveryProperties properties) {
            return RedisClient.create(properties.url().toString());
        }

        /** Publishing shares one multiplexed connection: Redis pipelines its commands. */
        @Bean(destroyMethod = "close")
        StatefulRedisConnection<String, String> deliveryConnection(RedisClient deliveryRedisClient) {
            return deliveryRedisClient.connect();
        }

        @Bean
        DeliveryPublisher deliveryPublisher(StatefulRedisConnection<String, String> deliveryConnection) {
            return new DeliveryPublisher(deliveryConnection);
        }

        @Bean(destroyMethod = "close")
        DeliverySubscriber deliverySubscriber(RedisClient deliveryRedisClient) {
            return new DeliverySubscriber(deliveryRedisClient.connectPubSub());
        }
    }
}
