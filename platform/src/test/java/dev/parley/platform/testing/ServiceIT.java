package dev.parley.platform.testing;

import dev.parley.infra.EmbeddedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every service must show once booted: it is live, ready, and scraped by Prometheus. A
 * service's test extends this (or {@link WithInfrastructure}) with its own
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT, ...)} and adds what is its own.
 */
public abstract class ServiceIT {

    @LocalServerPort
    protected int port;

    /** For services that use Postgres, Kafka or Redis: the JVM's real ones. */
    public abstract static class WithInfrastructure extends ServiceIT {

        @DynamicPropertySource
        static void infrastructure(DynamicPropertyRegistry registry) {
            EmbeddedInfrastructure.shared()
                    .springProperties()
                    .forEach((name, value) -> registry.add(name, () -> value));
        }
    }

    protected WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** The {@code spring.application.name} the service runs under. */
    protected abstract String serviceName();

    @Test
    void isLiveAndReady() {
        http().get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        http().get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsTaggedWithItsName() {
        http().get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("jvm_memory_used_bytes")
                        .contains("application=\"" + serviceName() + "\""));
    }
}
