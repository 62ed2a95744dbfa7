package dev.parley.infra;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.embedded.core.ExecutableProvider;

/**
 * redis-server 6.2 from the embedded-redis jar, as a child process on a free loopback port.
 *
 * <p>Only the binary comes from the library. The process is ours: the library's {@code
 * RedisServer} registers a JVM shutdown hook of its own that kills Redis concurrently with
 * everything else on SIGTERM, while services may still be draining through it; and its builder
 * writes a config file to {@code /tmp}, where a {@code kill -9} would leave it.
 */
final class RedisNode implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final long pid;

    private RedisNode(Process process, int port, long pid) {
        this.process = process;
        this.port = port;
        this.pid = pid;
    }

    static RedisNode start(RunDirectory run) {
        try {
            Files.createDirectories(run.redis());
            // The binary goes into the run directory too: its path in the process title is how the
            // watchdog recognises this run's redis-server.
            File binary = ExecutableProvider.newJarResourceProvider(run.redis().toFile())
                    .get();
            // A free port may be taken by someone else before redis-server binds it (another
            // test JVM on the machine): then it exits at once, and a new port is tried.
            IOException last = new IOException("redis-server was not started");
            for (int attempt = 1; attempt <= 3; attempt++) {
                try {
                    return startOn(run, binary, freePort());
                } catch (IOException e) {
                    last = e;
                }
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start", e);
        }
    }

    private static RedisNode startOn(RunDirectory run, File binary, int port) throws IOException {
        // setsid: a Ctrl-C in the terminal signals the whole foreground process group, which
        // would stop Redis under services still draining through it; we stop it, last.
        // (setsid execs in place in a fresh child, so the pid stays redis-server's.)
        Process process = new ProcessBuilder(
                        "setsid",
                        binary.getAbsolutePath(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--dir",
                        run.redis().toString(),
                        "--pidfile",
                        run.redisPidFile().toString(),
                        // Nothing in Redis outlives the run: no snapshots, no append-only file.
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .start();
        awaitReady(process);
        return new RedisNode(process, port, process.pid());
    }

    /** Reads Redis's log until it says it accepts connections, then keeps draining it. */
    private static void awaitReady(Process process) throws IOException {
        var log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("redis-log").start(() -> {
            try (log) {
                String line;
                String lastLine = "";
                while ((line = log.readLine()) != null) {
                    if (line.contains("Ready to accept connections")) {
                        ready.complete(null);
                    }
                    if (!ready.isDone()) {
                        lastLine = line;
                    }
                }
                ready.completeExceptionally(new IOException("redis-server exited before it was ready: " + lastLine));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
        try {
            ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while Redis started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("redis-server did not become ready", e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return pid;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: Redis exits at once, having nothing to persist
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
