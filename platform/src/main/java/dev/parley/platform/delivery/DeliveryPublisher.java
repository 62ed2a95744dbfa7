package dev.parley.platform.delivery;

import io.lettuce.core.api.StatefulRedisConnection;
import reactor.core.publisher.Mono;

/**
 * Publishes a delivery to a channel. Redis pub/sub is the fast, lossy path: a subscriber that
 * was away misses it and catches up from Postgres by sequence number.
 */
public final class DeliveryPublisher {

    private final StatefulRedisConnection<String, String> connection;

    public DeliveryPublisher(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    /** Emits how many subscribers (gateway nodes) received it. */
    public Mono<Long> publish(String channel, String payload) {
        return connection.reactive().publish(channel, payload);
    }

    public Mono<Long> publish(String channel, Delivery delivery) {
        return publish(channel, delivery.encode());
    }
}
