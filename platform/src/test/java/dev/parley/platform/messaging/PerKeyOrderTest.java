package dev.parley.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class PerKeyOrderTest {

    final PerKeyOrder order = new PerKeyOrder();
    final List<String> done = new CopyOnWriteArrayList<>();

    @Test
    void workOfOneKeyRunsInSubmissionOrderEvenWhenTheFirstIsSlowest() {
        Sinks.Empty<Void> releaseFirst = Sinks.empty();
        Mono<Void> first = order.run("conv-1", () -> releaseFirst.asMono().then(record("first")));
        Mono<Void> second = order.run("conv-1", () -> record("second"));
        second.subscribe();
        first.subscribe();

        assertThat(done).isEmpty();
        releaseFirst.tryEmitEmpty();

        assertThat(done).containsExactly("first", "second");
        assertThat(order.keysInFlight()).isZero();
    }

    @Test
    void otherKeysDoNotWait() {
        Sinks.Empty<Void> never = Sinks.empty();
        order.run("conv-1", () -> never.asMono()).subscribe();

        order.run("conv-2", () -> record("other")).block(Duration.ofSeconds(1));

        assertThat(done).containsExactly("other");
    }

    @Test
    void aFailureDoesNotStopTheNextStepOfTheKey() {
        Mono<Void> failing = order.run("conv-1", () -> Mono.error(new IllegalStateException("boom")));
        Mono<Void> next = order.run("conv-1", () -> record("next"));

        Flux.merge(failing.onErrorResume(e -> record("failure seen")), next).blockLast(Duration.ofSeconds(1));

        assertThat(done).containsExactlyInAnyOrder("failure seen", "next");
    }

    private Mono<Void> record(String what) {
        return Mono.fromRunnable(() -> done.add(what));
    }
}
