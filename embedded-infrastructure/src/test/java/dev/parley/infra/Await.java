package dev.parley.infra;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline; tests never sleep a fixed time. */
final class Await {

    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {}

    static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not true within " + timeout.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
