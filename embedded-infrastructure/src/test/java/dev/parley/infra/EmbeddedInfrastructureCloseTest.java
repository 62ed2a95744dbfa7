package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Closes the shared instance, so it runs after every other test class of this module. */
@Order(Integer.MAX_VALUE)
class EmbeddedInfrastructureCloseTest {

    @Test
    void closeStopsEverythingAndDeletesTheRunDirectory() {
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
        long postgres = infra.postgresPid();
        long redis = infra.redisPid();
        long watchdog = infra.watchdogPid();
        Path run = infra.runDirectory();

        infra.close();

        assertThat(run).doesNotExist();
        // pg_ctl returns once the pid file is gone, a moment before the postmaster itself.
        Await.until(Duration.ofSeconds(5), "the postmaster exits", () -> !Processes.isAlive(postgres));
        Await.until(Duration.ofSeconds(5), "redis-server exits", () -> !Processes.isAlive(redis));
        Await.until(Duration.ofSeconds(5), "the watchdog exits", () -> !Processes.isAlive(watchdog));
        assertThat(infra).hasToString("EmbeddedInfrastructure[" + run + ", closed]");

        infra.close();
        assertThat(run).as("a second close is a no-op").doesNotExist();
    }
}
