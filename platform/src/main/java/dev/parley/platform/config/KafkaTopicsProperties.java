package dev.parley.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Parley's topics are created when missing.
 *
 * @param partitions per topic: the most consumer instances of one group that can share the work
 * @param replicationFactor copies of each partition; 3 in production, 1 on one machine
 */
@ConfigurationProperties("parley.kafka.topics")
public record KafkaTopicsProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor) {}
