package dev.parley.routing;

import dev.parley.platform.delivery.Delivery;
import dev.parley.platform.delivery.DeliverySubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Records the frames published to one Redis channel, as a gateway node subscribed to it would see them. */
final class FrameRecorder implements AutoCloseable {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final String channel;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final List<Consumer<JsonNode>> reactions = new CopyOnWriteArrayList<>();
    private final Disposable listening;

    FrameRecorder(DeliverySubscriber subscriber, String channel) {
        this.channel = channel;
        // Subscribed (confirmed by Redis) before the test acts, so nothing published after is missed.
        var subscription = subscriber.subscribe(channel).block(Duration.ofSeconds(10));
        listening = subscription.messages().subscribe(payload -> {
            JsonNode frame = json.readTree(Delivery.decode(payload).frame());
            frames.add(frame);
            reactions.forEach(reaction -> reaction.accept(frame));
        });
    }

    String channel() {
        return channel;
    }

    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    List<JsonNode> ofType(String type) {
        return frames.stream()
                .filter(frame -> type.equals(frame.path("type").asString()))
                .toList();
    }

    /** Runs {@code reaction} for every frame from now on, as a client would. */
    void onFrame(Consumer<JsonNode> reaction) {
        reactions.add(reaction);
    }

    @Override
    public void close() {
        listening.dispose();
    }
}
