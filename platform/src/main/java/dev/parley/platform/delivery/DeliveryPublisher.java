package dev.parley.platform.delivery;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * Publishes deliveries to channels. Redis pub/sub is the fast, lossy path: a subscriber that was
 * away misses it and catches up from Postgres by sequence number.
 *
 * <p>{@link #publishAll} hands a batch's PUBLISH commands to the connection as one write: one
 * hand-over to its event loop, one flush, one system call, and Redis reads them in one go,
 * instead of a reactive command, a task and a flush for each (docs/adr/0014). The commands of one
 * call go out in the order given, and one connection keeps them in that order, so a
 * conversation's frames reach the gateways in the order they were published.
 */
public final class DeliveryPublisher {

    /** A frame for one channel. */
    public record Outgoing(String channel, String payload) {

        public static Outgoing of(String channel, Delivery delivery) {
            return new Outgoing(channel, delivery.encode());
        }
    }

    private final StatefulRedisConnection<String, String> connection;

    public DeliveryPublisher(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    /** Emits how many subscribers (gateway nodes) received it. */
    public Mono<Long> publish(String channel, String payload) {
        return Mono.defer(() -> {
            AsyncCommand<String, String, Long> command = command(channel, payload);
            connection.dispatch(command);
            return Mono.fromFuture(command);
        });
    }

    public Mono<Long> publish(String channel, Delivery delivery) {
        return publish(channel, delivery.encode());
    }

    /** Publishes every one of {@code frames} in one write, in their order; completes when Redis answered them all. */
    public Mono<Void> publishAll(List<Outgoing> frames) {
        if (frames.isEmpty()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            List<AsyncCommand<String, String, Long>> commands = new ArrayList<>(frames.size());
            for (Outgoing frame : frames) {
                commands.add(command(frame.channel(), frame.payload()));
            }
            connection.dispatch(commands);
            return Mono.fromFuture(CompletableFuture.allOf(commands.toArray(CompletableFuture<?>[]::new)));
        });
    }

    private static AsyncCommand<String, String, Long> command(String channel, String payload) {
        return new AsyncCommand<>(new Command<>(
                CommandType.PUBLISH,
                new IntegerOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).addKey(channel).addValue(payload)));
    }
}
