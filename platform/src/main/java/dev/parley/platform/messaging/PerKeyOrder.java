package dev.parley.platform.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Runs work for the same key one after another, in the order it was submitted, and work for
 * different keys side by side. A {@code @KafkaListener} returning {@code Mono} is handed the next
 * record without waiting for the previous one to finish; without this, two messages of one
 * conversation could race for their sequence numbers and be stored out of the order they were
 * sent in.
 */
public final class PerKeyOrder {

    private final Map<String, Mono<Void>> tails = new ConcurrentHashMap<>();

    /** {@code work} for {@code key}, started once everything submitted before it for that key has ended. */
    public Mono<Void> run(String key, Supplier<Mono<Void>> work) {
        @SuppressWarnings("unchecked")
        Mono<Void>[] mine = new Mono[1];
        tails.compute(key, (k, previous) -> {
            // A failure of the previous step is its own listener's to report; ours still runs.
            Mono<Void> after = previous == null ? Mono.empty() : previous.onErrorResume(failure -> Mono.empty());
            mine[0] = after.then(Mono.defer(work)).cache();
            return mine[0];
        });
        Mono<Void> step = mine[0];
        return step.doFinally(signal -> tails.remove(key, step));
    }

    /** Keys with work in flight; for metrics and tests. */
    public int keysInFlight() {
        return tails.size();
    }
}
