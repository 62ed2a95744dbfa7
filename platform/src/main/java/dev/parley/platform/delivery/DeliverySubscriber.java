package dev.parley.platform.delivery;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One node's Redis subscriptions, shared by all of its sockets: one pub/sub connection, one
 * Redis SUBSCRIBE per channel however many local listeners it has, dispatch by a map lookup so
 * the cost per message does not grow with the number of channels.
 */
public final class DeliverySubscriber implements AutoCloseable {

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    public DeliverySubscriber(StatefulRedisPubSubConnection<String, String> connection) {
        this.connection = connection;
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                Channel subscribed = channels.get(channel);
                if (subscribed != null) {
                    subscribed.listeners.forEach(listener -> listener.tryEmitNext(message));
                }
            }
        });
    }

    /**
     * Subscribes to {@code channel}. Completes once Redis confirmed the subscription, so whatever
     * is published after that point reaches the returned subscription; messages buffer until its
     * {@link Subscription#messages()} is consumed. Closing the subscription (or cancelling its
     * flux) releases the Redis subscription when it was the channel's last listener.
     */
    public Mono<Subscription> subscribe(String channel) {
        return Mono.defer(() -> {
            Sinks.Many<String> listener = Sinks.many().unicast().onBackpressureBuffer();
            Channel state = channels.compute(channel, (name, existing) -> {
                Channel next = existing != null ? existing : new Channel(redisSubscribe(name));
                next.listeners.add(listener);
                return next;
            });
            return state.confirmed.thenReturn(new Subscription(channel, listener));
        });
    }

    /** How many channels this node is subscribed to. */
    public int channelCount() {
        return channels.size();
    }

    private Mono<Void> redisSubscribe(String channel) {
        return connection.reactive().subscribe(channel).cache();
    }

    private void release(String channel, Sinks.Many<String> listener) {
        channels.computeIfPresent(channel, (name, state) -> {
            state.listeners.remove(listener);
            if (!state.listeners.isEmpty()) {
                return state;
            }
            // Commands on one connection run in order, so a later SUBSCRIBE of the same channel
            // cannot be overtaken by this UNSUBSCRIBE.
            connection.async().unsubscribe(name);
            return null;
        });
    }

    @Override
    public void close() {
        connection.close();
    }

    private record Channel(Mono<Void> confirmed, Set<Sinks.Many<String>> listeners) {
        Channel(Mono<Void> confirmed) {
            this(confirmed, ConcurrentHashMap.newKeySet());
        }
    }

    /** One local listener of one channel. */
    public final class Subscription implements AutoCloseable {

        private final String channel;
        private final Sinks.Many<String> listener;

        private Subscription(String channel, Sinks.Many<String> listener) {
            this.channel = channel;
            this.listener = listener;
        }

        public String channel() {
            return channel;
        }

        /** The messages published to the channel since the subscription was confirmed. */
        public Flux<String> messages() {
            return listener.asFlux().doFinally(signal -> close());
        }

        @Override
        public void close() {
            release(channel, listener);
            listener.tryEmitComplete();
        }
    }
}
