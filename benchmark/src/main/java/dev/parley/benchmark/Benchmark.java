package dev.parley.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;

/**
 * {@code ./parley bench}: visitor → agent latency of Parley end to end, next to the floor of this
 * machine. Two runs with the same clients, schedule and histogram: first a bare WebSocket relay,
 * then all of Parley (real Postgres, Kafka and Redis, every service, two gateway nodes) in this
 * process. Ends with a {@code BASELINE …} and a {@code RESULT …} line; everything it started is
 * stopped before they are printed. With {@code --find-max}, Parley alone, started once, at rising
 * rates ({@link FindMax}): ends with the {@code STEP …} lines and a {@code FIND-MAX …} line.
 */
public final class Benchmark {

    private static final String LOG_CONFIG = "parley-benchmark-logback.xml";

    /** Set-up (infrastructure, services, seeding) may take this long before the runs are cut short. */
    private static final Duration SETUP_BUDGET = Duration.ofMinutes(4);

    /** And this much more per chat and per idle socket (tokens, chat requests, routing, handshakes). */
    private static final Duration SETUP_PER_SOCKET = Duration.ofMillis(40);

    private final Options options;
    private final PrintStream out;

    private Benchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        // The sender runs on this thread: named as the harness's, it counts to the client (CpuMeter).
        Thread.currentThread().setName("bench-main");
        // Spring's logging system reads this in every service's context. Before the first one, what
        // the embedded Kafka logs goes through the standalone's logback.xml (warnings only, too).
        System.setProperty("logging.config", "classpath:" + LOG_CONFIG);
        // Seven contexts reconfigure logging one after another while Kafka logs: logback's own
        // "no appenders present" notes about that window say nothing about the benchmark.
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("parley bench: " + e.getMessage());
            }
            (e.getMessage() == null ? System.out : System.err).print(Options.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        int status = new Benchmark(options, System.out).run();
        System.out.flush();
        // Netty's and Kafka's leftover threads must not keep the JVM: everything was closed above.
        System.exit(status);
    }

    private int run() {
        startTimeLimit();
        printMachine();
        if (options.perSocketRate() > Options.SOCKET_FRAMES_PER_SECOND) {
            out.printf(
                    Locale.ROOT,
                    "bench: warning: %.1f msg/s per visitor socket is above Parley's limit of %d frames/s;"
                            + " raise --chats or expect rate_limited refusals%n",
                    options.perSocketRate(),
                    Options.SOCKET_FRAMES_PER_SECOND);
        }
        // The clients get event loops of their own (bench-client-…): the servers in this process keep theirs.
        LoopResources loops = LoopResources.create("bench-client", 2, true);
        HttpClient client = HttpClient.newConnection().runOn(loops);
        Workload workload = new Workload(options, out);
        if (options.findMax()) {
            try {
                return new FindMax(options, out).run(client, workload);
            } finally {
                loops.disposeLater().block(Duration.ofSeconds(5));
            }
        }
        List<String> details = new ArrayList<>();
        @Nullable Outcome baseline = null;
        @Nullable String baselineFailure = null;
        @Nullable Outcome result = null;
        @Nullable String failure = null;
        try {
            if (options.runBaseline()) {
                out.println("bench: BASELINE: a bare Reactor Netty WebSocket relay in this process");
                try (RelayTarget relay = RelayTarget.start(options.chats(), options.agents(), client)) {
                    baseline = workload.run("BASELINE", relay, options.rate(), Duration.ZERO);
                    details.add(describe("BASELINE", relay));
                } catch (RuntimeException e) {
                    baselineFailure = symptom(e);
                    e.printStackTrace(out);
                }
            }
            if (options.runParley()) {
                out.println("bench: RESULT: Parley end to end (starting Postgres, Kafka, Redis and every service)");
                ParleyTarget parley = null;
                try {
                    parley = ParleyTarget.start(options, client, out);
                    result = workload.run("RESULT", parley, options.rate(), Duration.ZERO);
                    details.add(describe("RESULT", parley));
                } catch (RuntimeException e) {
                    failure = symptom(e);
                    e.printStackTrace(out);
                } finally {
                    if (parley != null) {
                        out.println("bench: stopping Parley");
                        parley.close();
                    }
                }
            }
        } finally {
            loops.disposeLater().block(Duration.ofSeconds(5));
        }

        out.println();
        for (Outcome outcome : new Outcome[] {baseline, result}) {
            if (outcome != null) {
                out.print(outcome.details());
            }
        }
        details.forEach(out::print);
        printProcess(out);
        int status = 0;
        if (options.runBaseline()) {
            if (baseline != null) {
                out.println(baseline.line());
            } else {
                out.printf(Locale.ROOT, "BASELINE rate=%d failed: %s%n", options.rate(), baselineFailure);
                status = 1;
            }
        }
        if (options.runParley()) {
            if (result != null) {
                out.println(result.line());
            } else {
                out.printf(Locale.ROOT, "RESULT rate=%d failed: %s%n", options.rate(), failure);
                status = 1;
            }
        }
        return status;
    }

    /** The process line: RSS, its peak, CPU time and open files. */
    static void printProcess(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "process: RSS %s (peak %s), CPU time %s in total, open files now %d%n",
                ProcessStats.rss(),
                peakRss(),
                ProcessStats.seconds(ProcessStats.jvmCpuNanos()),
                ProcessStats.openFiles());
    }

    /** The target's findings and facts at the end of its run, one line each, under {@code label}. */
    static String describe(String label, Target target) {
        Map<String, String> all = new LinkedHashMap<>(target.describe());
        all.put("client sockets open", String.valueOf(BenchSocket.openSockets()));
        all.put("JVM RSS", ProcessStats.rss());
        all.put("load average", ProcessStats.loadAverage());
        StringBuilder lines = new StringBuilder();
        target.findings()
                .forEach(finding ->
                        lines.append(label).append(": ").append(finding).append(System.lineSeparator()));
        all.forEach((name, value) -> lines.append(label)
                .append(": at the end, ")
                .append(name)
                .append(": ")
                .append(value)
                .append(System.lineSeparator()));
        return lines.toString();
    }

    private void printMachine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("?");
        } catch (IOException e) {
            // not Linux: the model stays unknown
        }
        out.printf(
                Locale.ROOT,
                "bench: %d cores (%s), Java %s, %s %s; rate %d msg/s, %d s + %d s warm-up, %d conversations,"
                        + " %d agents, %d idle sockets, hops %s%s%n",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                Runtime.version(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                options.rate(),
                options.duration().toSeconds(),
                options.warmup().toSeconds(),
                options.chats(),
                options.agents(),
                options.idleSockets(),
                options.hops() ? "on" : "off",
                options.findMax()
                        ? String.format(
                                Locale.ROOT,
                                "; find-max: p99 <= %d ms, rates up to %d msg/s, at most %d steps",
                                options.p99MaxMs(),
                                options.maxRate(),
                                options.steps())
                        : "");
    }

    /** Everything is bounded: past set-up plus every run with room to spare, stop (hooks close Parley). */
    private void startTimeLimit() {
        Duration perRun = options.warmup().plus(options.duration()).plus(options.grace());
        // A find-max step also drains for up to a grace period, and takes two full GCs' worth of slack.
        Duration runs = options.findMax()
                ? perRun.plus(options.grace()).plusSeconds(5).multipliedBy(options.steps())
                : perRun.multipliedBy(2);
        Duration setUp =
                SETUP_BUDGET.plus(SETUP_PER_SOCKET.multipliedBy((long) options.chats() + options.idleSockets()));
        Duration limit = setUp.plus(runs).plus(Duration.ofMinutes(1));
        Thread.ofPlatform().daemon().name("bench-time-limit").start(() -> {
            try {
                Thread.sleep(limit);
            } catch (InterruptedException e) {
                return;
            }
            System.out.printf(Locale.ROOT, "parley bench: gave up after %d s%n", limit.toSeconds());
            System.out.flush();
            // Shutdown hooks stop the services and the infrastructure; the watchdog reaps the rest.
            System.exit(3);
        });
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring("VmHWM:".length()).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "?";
    }

    static String symptom(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause();
                cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString().replace('\n', ' ');
    }
}
