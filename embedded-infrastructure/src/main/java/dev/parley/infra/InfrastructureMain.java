package dev.parley.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the infrastructure and keeps it up until the process ends, for developers who want to
 * point a service at it by hand. Prints one {@code key=value} line per endpoint and pid, then
 * {@code ready}; tests read them to check the reaping after {@code kill -9}.
 */
public final class InfrastructureMain {

    private InfrastructureMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.shared();
        Map<String, String> lines = new LinkedHashMap<>(infrastructure.springProperties());
        lines.put("jdbc.url", infrastructure.jdbcUrl());
        lines.put("postgres.pid", Long.toString(infrastructure.postgresPid()));
        lines.put("redis.pid", Long.toString(infrastructure.redisPid()));
        lines.put("watchdog.pid", Long.toString(infrastructure.watchdogPid()));
        lines.put("run.dir", infrastructure.runDirectory().toString());
        lines.put("start.ms", Long.toString(infrastructure.startTime().toMillis()));
        lines.forEach((key, value) -> System.out.println(key + "=" + value));
        System.out.println("ready");
        System.out.flush();
        // Until SIGTERM, Ctrl-C or kill -9; the shutdown hook and the watchdog clean up.
        Thread.currentThread().join();
    }
}
