package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reaping script on stand-in processes, without starting any infrastructure. */
class WatchdogTest {

    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void stopStandIns() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void reapStopsOnlyProcessesOfThisRunAndDeletesIt() throws Exception {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        Files.createDirectories(run.redis());
        Files.createDirectories(run.postgresData());
        Process ours = standIn(run.redis().resolve("log"));
        // The pid the dead postmaster had now belongs to a neighbour run whose name extends ours.
        Process reusedPid = standIn(tmp.resolve("run2").resolve("postgres"));
        Files.writeString(run.redisPidFile(), ours.pid() + "\n");
        Files.writeString(run.postgresPidFile(), reusedPid.pid() + "\n" + run.postgresData() + "\n");

        Watchdog.reap(run);

        Await.until(Duration.ofSeconds(5), "this run's process is stopped", () -> !Processes.isAlive(ours.pid()));
        assertThat(reusedPid.isAlive())
                .as("a pid now used by an unrelated process is left alone")
                .isTrue();
        assertThat(run.path()).doesNotExist();
    }

    @Test
    void watchdogLeavesWhenTheRunDirectoryIsDeleted() throws Exception {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        run.create();
        Files.createDirectories(run.redis());
        Process ours = standIn(run.redis().resolve("log"));
        Files.writeString(run.redisPidFile(), Long.toString(ours.pid()));
        Watchdog watchdog = Watchdog.watch(run, ProcessHandle.current().pid());

        run.delete();

        Await.until(Duration.ofSeconds(5), "the watchdog exits", () -> !Processes.isAlive(watchdog.pid()));
        assertThat(ours.isAlive()).as("a clean close is not a crash").isTrue();
    }

    @Test
    void watchdogReapsWhenItsJvmIsGone() throws Exception {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        Files.createDirectories(run.redis());
        Process ours = standIn(run.redis().resolve("log"));
        Files.writeString(run.redisPidFile(), Long.toString(ours.pid()));
        Process jvm = new ProcessBuilder("true").start();
        jvm.waitFor();

        Watchdog watchdog = Watchdog.watch(run, jvm.pid());

        Await.until(Duration.ofSeconds(10), "the orphan is stopped", () -> !Processes.isAlive(ours.pid()));
        Await.until(Duration.ofSeconds(10), "the run dir is deleted", () -> !Files.exists(run.path()));
        Await.until(Duration.ofSeconds(5), "the watchdog exits", () -> !Processes.isAlive(watchdog.pid()));
    }

    @Test
    void runDirectoriesOfDeadJvmsAreAbandoned() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        RunDirectory dead = RunDirectory.of(gone.pid());
        dead.create();
        try {
            assertThat(RunDirectory.abandoned())
                    .contains(dead)
                    .doesNotContain(RunDirectory.of(ProcessHandle.current().pid()));
        } finally {
            dead.delete();
        }
    }

    /**
     * A lone {@code sleep} (no children to orphan) whose command line names {@code path}, as
     * redis-server's and the postmaster's name the run directory.
     */
    private Process standIn(Path path) throws IOException {
        Process process = new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 600", path.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        started.add(process);
        return process;
    }
}
