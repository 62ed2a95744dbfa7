package dev.parley.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Set-up work that is one blocking round trip after another per item (a visitor's token, chat
 * request, socket): thousands of items one at a time would take minutes, so {@link #CONCURRENCY}
 * run at once, on threads named {@code bench-setup-…} (the client's, for {@link CpuMeter}).
 */
final class Concurrently {

    static final int CONCURRENCY = 32;

    private static final Scheduler SETUP =
            Schedulers.newBoundedElastic(CONCURRENCY, Integer.MAX_VALUE, "bench-setup", 10, true);

    private Concurrently() {}

    /**
     * {@code task(0)} … {@code task(count - 1)}, at most {@code concurrency} (up to {@link
     * #CONCURRENCY}) at once, their results in that order; the first failure fails it all.
     */
    static <T> List<T> map(int count, int concurrency, Duration timeout, IntFunction<T> task) {
        return Objects.requireNonNull(Flux.range(0, count)
                .flatMapSequential(
                        i -> Mono.fromCallable(() -> task.apply(i)).subscribeOn(SETUP),
                        Math.min(concurrency, CONCURRENCY))
                .collectList()
                .block(timeout));
    }
}
