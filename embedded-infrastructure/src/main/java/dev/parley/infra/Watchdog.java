package dev.parley.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny {@code sh} process that outlives a {@code kill -9} of the JVM and then stops the
 * postmaster and redis-server of its run directory and deletes it. Postgres daemonises away from
 * the JVM and Redis survives its parent, so nothing inside the JVM can do this.
 *
 * <p>The same script, in {@code reap} mode, cleans run directories found abandoned at start.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    /**
     * $1 mode (watch or reap), $2 run directory, $3 pid of the owning JVM (watch only).
     *
     * <p>A process is only signalled when its command line names the run directory (with the
     * trailing slash, so run 12 never matches run 123): after a crash its pid may already belong to
     * someone else. Postgres gets SIGQUIT (immediate shutdown, which
     * also ends its backends) before SIGKILL; Redis keeps nothing worth a graceful stop. The loop
     * also ends when the run directory is gone, which is how a clean close tells it to leave.
     */
    private static final String SCRIPT = """
            run=$2
            alive() { kill -0 "$1" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$1/status"; }
            owned() { tr '\\000' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -qF "$run/"; }
            stop() {
              [ -f "$1" ] || return 0
              pid=$(head -n 1 "$1")
              case $pid in ''|*[!0-9]*) return 0 ;; esac
              alive "$pid" && owned "$pid" || return 0
              kill -"$2" "$pid" 2>/dev/null
              n=0
              while alive "$pid" && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
              alive "$pid" && kill -KILL "$pid" 2>/dev/null
              return 0
            }
            if [ "$1" = watch ]; then
              trap '' INT HUP
              while alive "$3" && [ -d "$run" ]; do sleep 1; done
              [ -d "$run" ] || exit 0
            fi
            stop "$run/postgres/postmaster.pid" QUIT
            stop "$run/redis/redis.pid" KILL
            rm -rf "$run"
            """;

    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    static Watchdog watch(RunDirectory run, long jvmPid) {
        Process process = launch("watch", run, Long.toString(jvmPid));
        log.debug("Watchdog {} guards {} for JVM {}", process.pid(), run, jvmPid);
        return new Watchdog(process);
    }

    /** Stops what an abandoned run left running and deletes its directory; waits for it. */
    static void reap(RunDirectory run) {
        Process process = launch("reap", run, "");
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                log.warn("Gave up reaping {} after 20 s", run);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Ends the watchdog at once, including the {@code sleep} it may be waiting in. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Process launch(String mode, RunDirectory run, String jvmPid) {
        try {
            // setsid: a Ctrl-C in the terminal signals the whole foreground process group; the
            // watchdog must outlive the JVM it watches, so it stands in a session of its own.
            Process process = new ProcessBuilder(
                            "setsid", "sh", "-c", SCRIPT, "parley-infra-watchdog", mode, run.toString(), jvmPid)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the infrastructure watchdog", e);
        }
    }
}
