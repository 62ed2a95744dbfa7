package dev.parley.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

/**
 * {@code --find-max}: the highest rate at which Parley keeps a p99 of at most {@code --p99-max},
 * loses nothing and does not fall behind. Parley starts once; each step is a run of {@code
 * --warmup} + {@code --duration} on the same sockets at one rate: from {@code --rate}, ×1.5 while
 * steps pass (up to {@code --max-rate}), halving while they fail, then bisecting between the
 * highest pass and the lowest fail until they are within 5% or {@code --steps} ran. A step waits
 * for its stragglers (grace period, then as long again while draining) before the next one
 * starts, so a failed step's queue does not count against the next.
 */
final class FindMax {

    /** Bisecting stops when the lowest fail is within this fraction above the highest pass. */
    private static final double RESOLUTION = 0.05;

    private final Options options;
    private final PrintStream out;

    FindMax(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** One step and its verdict; {@code why} says what failed it (empty when it passed). */
    record Step(int number, Outcome outcome, List<String> why) {

        boolean pass() {
            return why.isEmpty();
        }

        int rate() {
            return outcome.rate();
        }

        /** {@code STEP rate=R … p99_ms=… lost=… late=… pass=true|false}. */
        String line() {
            Outcome o = outcome;
            return String.format(
                    Locale.ROOT,
                    "STEP rate=%d sent=%d received=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f lost=%d late=%d behind=%d"
                            + " duplicated=%d reordered=%d cpu_ms_per_msg=%.3f pass=%b",
                    o.rate(),
                    o.sent(),
                    o.received(),
                    o.latency().getTotalCount() == 0 ? 0 : o.latency().getValueAtPercentile(50) / 1000.0,
                    o.p99Ms(),
                    o.maxMs(),
                    o.lost(),
                    Math.max(0, o.late()),
                    o.behind(),
                    o.duplicated(),
                    o.reordered(),
                    o.cpuMsPerMessage(),
                    pass());
        }
    }

    int run(HttpClient client, Workload workload) {
        out.println("bench: FIND-MAX: Parley end to end (starting Postgres, Kafka, Redis and every service)");
        List<Step> steps = new ArrayList<>();
        @Nullable String failure = null;
        String details = "";
        ParleyTarget parley = null;
        try {
            parley = ParleyTarget.start(options, client, out);
            search(parley, workload, steps);
            details = Benchmark.describe("FIND-MAX", parley);
        } catch (RuntimeException e) {
            failure = Benchmark.symptom(e);
            e.printStackTrace(out);
        } finally {
            if (parley != null) {
                out.println("bench: stopping Parley");
                parley.close();
            }
        }

        out.println();
        out.print(details);
        Benchmark.printProcess(out);
        steps.forEach(step -> out.println(step.line()));
        if (failure != null) {
            out.printf(Locale.ROOT, "FIND-MAX failed after %d steps: %s%n", steps.size(), failure);
            return 1;
        }
        out.println(verdict(steps));
        return 0;
    }

    private void search(ParleyTarget parley, Workload workload, List<Step> steps) {
        @Nullable Integer highestPass = null;
        @Nullable Integer lowestFail = null;
        int rate = options.rate();
        for (int number = 1; number <= options.steps(); number++) {
            out.printf(Locale.ROOT, "bench: FIND-MAX step %d of at most %d: %d msg/s%n", number, options.steps(), rate);
            Outcome outcome = workload.run("STEP", parley, rate, options.grace());
            Step step = new Step(number, outcome, judge(outcome));
            steps.add(step);
            out.print(outcome.details());
            if (!step.pass()) {
                out.printf(
                        Locale.ROOT,
                        "bench: step %d at %d msg/s failed: %s%n",
                        number,
                        rate,
                        String.join(", ", step.why()));
            }
            out.println(step.line());
            if (step.pass()) {
                highestPass = highestPass == null ? rate : Math.max(highestPass, rate);
            } else {
                lowestFail = lowestFail == null ? rate : Math.min(lowestFail, rate);
            }
            Integer next = next(rate, highestPass, lowestFail);
            if (next == null) {
                return;
            }
            rate = next;
        }
    }

    /** The next rate to try, or null when the search is done. */
    private @Nullable Integer next(int rate, @Nullable Integer highestPass, @Nullable Integer lowestFail) {
        if (lowestFail == null) {
            // Still passing: up by half, up to the ceiling the chats allow.
            return rate >= options.maxRate() ? null : Math.min(options.maxRate(), Math.max(rate + 1, rate * 3 / 2));
        }
        if (highestPass == null) {
            // Failing from the start: halve until one passes.
            return rate <= 1 ? null : rate / 2;
        }
        if (lowestFail - highestPass <= Math.max(1, Math.round(highestPass * RESOLUTION))) {
            return null;
        }
        return (highestPass + lowestFail) / 2;
    }

    /** Why the step fails, if it does: the bound, loss, a growing queue, duplicates, reorders. */
    private List<String> judge(Outcome outcome) {
        List<String> why = new ArrayList<>();
        if (outcome.latency().getTotalCount() == 0) {
            why.add("nothing measured arrived");
        } else if (outcome.p99Ms() > options.p99MaxMs()) {
            why.add(String.format(Locale.ROOT, "p99 %.2f ms > %d ms", outcome.p99Ms(), options.p99MaxMs()));
        }
        if (outcome.lost() > 0) {
            why.add(outcome.lost() + " lost (" + Math.max(0, outcome.late()) + " of them arrived late)");
        }
        if (outcome.behind() > 0) {
            why.add(outcome.behind() + " more than " + options.behindAfter().toMillis()
                    + " ms late at the last send (falling behind)");
        }
        if (outcome.duplicated() > 0) {
            why.add(outcome.duplicated() + " duplicated");
        }
        if (outcome.reordered() > 0) {
            why.add(outcome.reordered() + " reordered");
        }
        return why;
    }

    /** {@code FIND-MAX max_rate=R p99_ms=…}: the highest passing step, or 0 when none passed. */
    private String verdict(List<Step> steps) {
        Step best = null;
        Integer lowestFail = null;
        for (Step step : steps) {
            if (step.pass() && (best == null || step.rate() > best.rate())) {
                best = step;
            }
            if (!step.pass() && (lowestFail == null || step.rate() < lowestFail)) {
                lowestFail = step.rate();
            }
        }
        Step shown = best != null
                ? best
                : steps.stream()
                        .min((x, y) -> Integer.compare(x.rate(), y.rate()))
                        .orElse(null);
        return String.format(
                Locale.ROOT,
                "FIND-MAX max_rate=%d p99_ms=%.2f cpu_ms_per_msg=%.3f p99_max_ms=%d first_fail_rate=%s"
                        + " ceiling_reached=%b chats=%d agents=%d steps=%d hops=%s idle_sockets=%d",
                best == null ? 0 : best.rate(),
                shown == null ? 0 : shown.outcome().p99Ms(),
                shown == null ? 0 : shown.outcome().cpuMsPerMessage(),
                options.p99MaxMs(),
                lowestFail == null ? "none" : String.valueOf(lowestFail),
                best != null && best.rate() >= options.maxRate(),
                options.chats(),
                options.agents(),
                steps.size(),
                options.hops() ? "on" : "off",
                options.idleSockets());
    }
}
