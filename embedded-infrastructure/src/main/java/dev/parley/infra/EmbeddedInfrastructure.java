package dev.parley.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL 18, Kafka (KRaft, one node), Redis 6.2 and a local SMTP server on free loopback ports, started once
 * per JVM by {@link #shared()} for the services' integration tests and the standalone.
 *
 * <p>Everything they write lives in {@code ${java.io.tmpdir}/parley-infra/<jvm-pid>/}. A shutdown
 * hook stops them and deletes it on a normal exit, SIGTERM or Ctrl-C; a watchdog process does the
 * same after a {@code kill -9}; and each start reaps what crashed runs left behind.
 *
 * <p>Services connect as {@link #appUser()}, which is subject to row-level security; Flyway
 * migrates as {@link #ownerUser()} and grants the app role its table rights through the {@code
 * app-role} placeholder. {@link #springProperties()} wires both.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    /** How long closing waits for a start still in flight (a Ctrl-C during start). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final Object SHARED_LOCK = new Object();
    private static @Nullable EmbeddedInfrastructure shared;

    private final RunDirectory run;
    private final Watchdog watchdog;
    private final CompletableFuture<PostgresNode> postgres;
    private final CompletableFuture<KafkaNode> kafka;
    private final CompletableFuture<RedisNode> redis;
    private final MailNode mail;
    private final StripeNode stripe;
    private final Map<String, String> stripePrices;
    private final Map<String, Long> startMillis = new ConcurrentHashMap<>();
    private final Thread shutdownHook;
    private final Object closeLock = new Object();
    private volatile boolean closed;
    private volatile @Nullable Duration startTime;
    private volatile @Nullable AutoCloseable dependents;

    private EmbeddedInfrastructure(RunDirectory run) {
        this.run = run;
        this.watchdog = Watchdog.watch(run, ProcessHandle.current().pid());
        // The three are independent: starting them side by side costs the slowest, not the sum.
        this.postgres = startAsync("postgres", () -> PostgresNode.start(run));
        this.kafka = startAsync("kafka", () -> KafkaNode.start(run));
        this.redis = startAsync("redis", () -> RedisNode.start(run));
        // In this JVM and quick: no process to reap, no need to wait for it aside.
        this.mail = MailNode.start();
        this.stripe = StripeNode.start();
        // The account's catalogue, as an operator sets it up in Stripe's dashboard: one monthly
        // price per paid plan, whose ids the services are then configured with.
        this.stripePrices = Map.of(
                "starter", stripe.createPrice("parley-starter", "Parley Starter", 1900, "EUR"),
                "pro", stripe.createPrice("parley-pro", "Parley Pro", 7900, "EUR"));
        this.shutdownHook = Thread.ofPlatform().name("parley-infra-shutdown").unstarted(this::close);
    }

    /**
     * The running infrastructure of this JVM, started on first use (or again after {@link
     * #close()}). Blocks while another thread starts it.
     */
    public static EmbeddedInfrastructure shared() {
        synchronized (SHARED_LOCK) {
            EmbeddedInfrastructure current = shared;
            if (current == null || current.closed) {
                current = start();
                shared = current;
            }
            return current;
        }
    }

    private static EmbeddedInfrastructure start() {
        long began = System.nanoTime();
        reapAbandonedRuns();
        RunDirectory run = RunDirectory.of(ProcessHandle.current().pid());
        if (run.exists()) {
            // Left by a crashed JVM that had our pid, or by an earlier instance of ours whose
            // close could not finish.
            Watchdog.reap(run);
            run.delete();
        }
        run.create();
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(run);
        Runtime.getRuntime().addShutdownHook(infrastructure.shutdownHook);
        try {
            CompletableFuture.allOf(infrastructure.postgres, infrastructure.kafka, infrastructure.redis)
                    .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            IllegalStateException failure =
                    new IllegalStateException("Embedded infrastructure did not start", unwrap(e));
            try {
                infrastructure.close();
            } catch (RuntimeException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
        infrastructure.startTime = Duration.ofNanos(System.nanoTime() - began);
        log.info(
                "Embedded infrastructure started in {} ms {}: postgres {} (pid {}), kafka {}, redis {} (pid {}); run dir {}",
                infrastructure.startTime.toMillis(),
                infrastructure.startMillis,
                infrastructure.jdbcUrl(),
                infrastructure.postgresPid(),
                infrastructure.kafkaBootstrapServers(),
                infrastructure.redisUrl(),
                infrastructure.redisPid(),
                run);
        return infrastructure;
    }

    /** JDBC URL of the {@code parley} database, without credentials. */
    public String jdbcUrl() {
        return postgres().jdbcUrl();
    }

    /** R2DBC URL of the {@code parley} database, without credentials. */
    public String r2dbcUrl() {
        return "r2dbc:postgresql://localhost:" + postgres().port() + "/" + PostgresNode.DATABASE;
    }

    /** The superuser that owns the schema; for Flyway, never for a service. */
    public String ownerUser() {
        return PostgresNode.OWNER;
    }

    public String ownerPassword() {
        return postgres().ownerPassword();
    }

    /** {@code parley_app}: NOSUPERUSER, NOBYPASSRLS, so row-level security applies to it. */
    public String appUser() {
        return PostgresNode.APP_ROLE;
    }

    /** Random per start; passwords are checked on TCP connections. */
    public String appPassword() {
        return postgres().appPassword();
    }

    public String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    public String redisUrl() {
        return "redis://localhost:" + redis().port();
    }

    /**
     * Everything a Parley service needs to reach this infrastructure, as Spring property names:
     * R2DBC as the app role, Flyway as the owner with the {@code app-role} placeholder, Kafka and
     * Redis. Feed it to {@code @DynamicPropertySource} or {@code
     * SpringApplication.setDefaultProperties}.
     */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", r2dbcUrl());
        properties.put("spring.r2dbc.username", appUser());
        properties.put("spring.r2dbc.password", appPassword());
        properties.put("spring.flyway.url", jdbcUrl());
        properties.put("spring.flyway.user", ownerUser());
        properties.put("spring.flyway.password", ownerPassword());
        properties.put("spring.flyway.placeholders.app-role", appUser());
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        properties.put("parley.redis.url", redisUrl());
        properties.put("spring.mail.host", mail.host());
        properties.put("spring.mail.port", String.valueOf(mail.port()));
        properties.put("parley.billing.stripe.api-key", stripe.apiKey());
        properties.put("parley.billing.stripe.api-base", stripe.apiBase());
        properties.put("parley.billing.stripe.webhook-secret", stripe.webhookSecret());
        stripePrices.forEach((plan, price) -> properties.put("parley.billing.stripe.prices." + plan, price));
        return Collections.unmodifiableMap(properties);
    }

    /** The local SMTP server every e-mail of the services goes to, and what it received. */
    public MailNode mail() {
        return mail;
    }

    /** The local stand-in of Stripe's API that billing talks to, and the events it sent. */
    public StripeNode stripe() {
        return stripe;
    }

    /** The postmaster's pid, for tools and tests that check nothing outlives the run. */
    public long postgresPid() {
        return postgres().pid();
    }

    public long redisPid() {
        return redis().pid();
    }

    public long watchdogPid() {
        return watchdog.pid();
    }

    /** {@code ${java.io.tmpdir}/parley-infra/<jvm-pid>}. */
    public Path runDirectory() {
        return run.path();
    }

    /** Wall time from {@link #shared()} being asked to start until all three were ready. */
    public Duration startTime() {
        Duration time = startTime;
        if (time == null) {
            throw new IllegalStateException("Still starting");
        }
        return time;
    }

    /**
     * Has {@link #close()} — and so the shutdown hook on SIGTERM or Ctrl-C — first close what
     * uses this infrastructure. JVM shutdown hooks run concurrently: without this, Postgres
     * could stop under services that are still draining their work.
     */
    public void closeFirst(AutoCloseable users) {
        this.dependents = users;
    }

    private void closeDependents() {
        AutoCloseable users = dependents;
        dependents = null;
        if (users != null) {
            try {
                users.close();
            } catch (Exception e) {
                log.warn("Closing what uses the embedded infrastructure failed; stopping it anyway", e);
            }
        }
    }

    /**
     * Stops Kafka, Redis and PostgreSQL and deletes the run directory. Idempotent; also what the
     * shutdown hook runs.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            removeShutdownHook();
            closeDependents();
            long began = System.nanoTime();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stillStarting = new AtomicBoolean();
            CompletableFuture.allOf(
                            stopAsync("kafka", kafka, failures, stillStarting),
                            stopAsync("redis", redis, failures, stillStarting),
                            stopAsync("postgres", postgres, failures, stillStarting))
                    .join();
            mail.close();
            stripe.close();
            if (stillStarting.get()) {
                // A start thread may still launch a process: leave the run directory and the
                // watchdog, which reaps whatever is there once this JVM is gone.
                log.warn(
                        "Embedded infrastructure still starting after {} s; the watchdog reaps it at exit",
                        START_TIMEOUT.toSeconds());
            } else {
                // Kills anything a failed start or stop left behind, then deletes the directory.
                Watchdog.reap(run);
                run.delete();
                watchdog.close();
                log.info("Embedded infrastructure stopped in {} ms", (System.nanoTime() - began) / 1_000_000);
            }
            if (!failures.isEmpty()) {
                IllegalStateException failure =
                        new IllegalStateException("Embedded infrastructure did not stop cleanly");
                failures.forEach(failure::addSuppressed);
                throw failure;
            }
        }
    }

    private PostgresNode postgres() {
        return postgres.join();
    }

    private KafkaNode kafka() {
        return kafka.join();
    }

    private RedisNode redis() {
        return redis.join();
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; close is idempotent.
        }
    }

    private <T> CompletableFuture<T> startAsync(String name, Supplier<T> start) {
        return CompletableFuture.supplyAsync(
                () -> {
                    long began = System.nanoTime();
                    T node = start.get();
                    startMillis.put(name, (System.nanoTime() - began) / 1_000_000);
                    return node;
                },
                daemonThread("parley-infra-start-" + name));
    }

    /** Waits for a start still in flight so that nothing it launches escapes the stop. */
    private static CompletableFuture<Void> stopAsync(
            String name,
            CompletableFuture<? extends AutoCloseable> node,
            List<Throwable> failures,
            AtomicBoolean stillStarting) {
        return node.handle((started, startFailure) -> started)
                .orTimeout(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .thenAcceptAsync(
                        started -> {
                            if (started != null) {
                                try {
                                    started.close();
                                } catch (Exception e) {
                                    failures.add(new IllegalStateException(name + " did not stop", e));
                                }
                            }
                        },
                        daemonThread("parley-infra-stop-" + name))
                .exceptionally(timeout -> {
                    stillStarting.set(true);
                    failures.add(new IllegalStateException(name + " was still starting", timeout));
                    return null;
                });
    }

    private static Executor daemonThread(String name) {
        return task -> Thread.ofPlatform().name(name).daemon().start(task);
    }

    private static void reapAbandonedRuns() {
        for (RunDirectory abandoned : RunDirectory.abandoned()) {
            log.info("Reaping {} left by a JVM that is gone", abandoned);
            Watchdog.reap(abandoned);
            abandoned.delete();
        }
        RunDirectory.deleteZonkyScriptsOfCrashedJvms();
    }

    private static Throwable unwrap(Exception e) {
        return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    }

    @Override
    public String toString() {
        return "EmbeddedInfrastructure[" + run + (closed ? ", closed]" : "]");
    }
}
