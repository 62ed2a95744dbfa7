package dev.parley.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * PostgreSQL 18 with a {@code parley} database, the superuser as schema owner (Flyway) and a
 * plain login role for the services, so that row-level security applies to them as in
 * production.
 */
final class PostgresNode implements AutoCloseable {

    static final String DATABASE = "parley";
    static final String OWNER = "postgres";
    static final String APP_ROLE = "parley_app";

    /**
     * Replaces initdb's trust-everyone file once the passwords exist: a service configured with
     * the wrong credentials must fail here as it would against a real server. The Unix socket
     * stays trusted for a psql session while debugging; nothing in Parley connects through it.
     */
    private static final String PG_HBA = """
            local all all trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmbeddedPostgres postgres;
    private final String ownerPassword;
    private final String appPassword;
    private final long pid;

    private PostgresNode(EmbeddedPostgres postgres, String ownerPassword, String appPassword, long pid) {
        this.postgres = postgres;
        this.ownerPassword = ownerPassword;
        this.appPassword = appPassword;
        this.pid = pid;
    }

    static PostgresNode start(RunDirectory run) {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(run.postgresData())
                    .setCleanDataDirectory(true)
                    // Our own hook stops everything in order and then deletes the run directory.
                    .setRegisterShutdownHook(false)
                    // zonky gives up after 10 s, which a loaded 2-core CI machine can exceed.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky turns it off; on keeps commit latency as in production, which the
                    // benchmarks run against the standalone rely on (~0.2 ms per commit here).
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
        try {
            String ownerPassword = newPassword();
            String appPassword = newPassword();
            prepare(postgres, run, ownerPassword, appPassword);
            long pid = run.postgresPid()
                    .orElseThrow(() -> new IllegalStateException("No postmaster.pid in " + run.postgresData()));
            return new PostgresNode(postgres, ownerPassword, appPassword, pid);
        } catch (RuntimeException | SQLException | IOException e) {
            closeQuietly(postgres, e);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("PostgreSQL setup failed", e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    long pid() {
        return pid;
    }

    String jdbcUrl() {
        return jdbcUrl(port(), DATABASE);
    }

    String ownerPassword() {
        return ownerPassword;
    }

    String appPassword() {
        return appPassword;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop", e);
        }
    }

    private static void prepare(EmbeddedPostgres postgres, RunDirectory run, String ownerPassword, String appPassword)
            throws SQLException, IOException {
        String adminUrl = jdbcUrl(postgres.getPort(), "postgres");
        Timestamp loadedBefore;
        try (Connection c = DriverManager.getConnection(adminUrl, OWNER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
            // Passwords come from a base64url alphabet, so they are safe inside a literal.
            s.execute("ALTER ROLE " + OWNER + " PASSWORD '" + ownerPassword + "'");
            s.execute("CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB PASSWORD '"
                    + appPassword + "'");
            s.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + APP_ROLE);
            loadedBefore = confLoadTime(s);
            Files.writeString(run.postgresData().resolve("pg_hba.conf"), PG_HBA);
            s.execute("SELECT pg_reload_conf()");
        }
        awaitReload(adminUrl, ownerPassword, loadedBefore);
    }

    /**
     * pg_reload_conf() only signals the postmaster; a new session sees the new load time once the
     * new pg_hba.conf is in force, and only then do passwords matter.
     */
    private static void awaitReload(String adminUrl, String ownerPassword, Timestamp loadedBefore) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(adminUrl, OWNER, ownerPassword);
                    Statement s = c.createStatement()) {
                if (confLoadTime(s).after(loadedBefore)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not reload pg_hba.conf within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static Timestamp confLoadTime(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_conf_load_time()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    private static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void closeQuietly(EmbeddedPostgres postgres, Exception cause) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
