package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs {@link InfrastructureMain} in a child JVM and ends it the hard ways: nothing it started may
 * outlive it. The two children start side by side (the methods overlap, the class does not overlap
 * the others) to halve the wait.
 */
class OrphanReapingTest {

    private static final Pattern KEY_VALUE = Pattern.compile("^([a-z][a-z.-]*)=(\\S+)$");

    private @Nullable Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void killDashNineIsReapedByTheWatchdog() throws Exception {
        Child started = startChild();

        started.process().destroyForcibly();
        assertThat(started.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

        awaitReaped(started, Duration.ofSeconds(20));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigtermRunsTheShutdownHook() throws Exception {
        Child started = startChild();

        started.process().destroy();
        assertThat(started.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        // The hook has finished when the JVM is gone: no waiting for the watchdog's next tick.
        assertThat(started.runDirectory()).doesNotExist();
        awaitReaped(started, Duration.ofSeconds(5));
    }

    private static void awaitReaped(Child child, Duration timeout) {
        Await.until(
                timeout, "postgres " + child.postgresPid() + " is gone", () -> !Processes.isAlive(child.postgresPid()));
        Await.until(timeout, "redis " + child.redisPid() + " is gone", () -> !Processes.isAlive(child.redisPid()));
        Await.until(timeout, "run dir " + child.runDirectory() + " is deleted", () -> !child.runDirectory()
                .toFile()
                .exists());
        Await.until(timeout, "the watchdog exits", () -> !Processes.isAlive(child.watchdogPid()));
    }

    private Child startChild() throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        InfrastructureMain.class.getName()))
                .redirectErrorStream(true)
                .start();
        child = process;
        Map<String, String> values = new ConcurrentHashMap<>();
        Deque<String> tail = new ConcurrentLinkedDeque<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        // Drains the child's output to the end so its logging can never block it on a full pipe.
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher m = KEY_VALUE.matcher(line);
                    if (m.matches()) {
                        values.put(m.group(1), m.group(2));
                    } else if (line.equals("ready")) {
                        ready.complete(null);
                    } else {
                        tail.addLast(line);
                        if (tail.size() > 100) {
                            tail.pollFirst();
                        }
                    }
                }
                ready.completeExceptionally(new IllegalStateException(
                        "Child exited before ready; its last lines:\n" + String.join("\n", tail)));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
        ready.orTimeout(90, TimeUnit.SECONDS).join();
        Child started = new Child(
                process,
                Long.parseLong(values.get("postgres.pid")),
                Long.parseLong(values.get("redis.pid")),
                Long.parseLong(values.get("watchdog.pid")),
                Path.of(values.get("run.dir")));
        assertThat(started.runDirectory())
                .isEqualTo(RunDirectory.of(process.pid()).path())
                .isDirectory();
        assertThat(Processes.isAlive(started.postgresPid())).isTrue();
        assertThat(Processes.isAlive(started.redisPid())).isTrue();
        return started;
    }

    private record Child(Process process, long postgresPid, long redisPid, long watchdogPid, Path runDirectory) {}
}
