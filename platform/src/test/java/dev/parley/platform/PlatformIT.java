package dev.parley.platform;

import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.platform.testapp.PlatformTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Boots the platform test service against the JVM's real Postgres, Kafka and Redis. */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=parley-platform,platform-test", "spring.application.name=platform-test"})
abstract class PlatformIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfrastructure.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }
}
