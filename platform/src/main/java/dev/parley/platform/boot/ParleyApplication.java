package dev.parley.platform.boot;

import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a Parley service. Every service reads {@code parley-platform.yml} (shared defaults from
 * this library) and then its own {@code <service-name>.yml}: distinct file names, not
 * {@code application.yml}, so that several services can run in one JVM (the standalone and the
 * end-to-end tests) without their configurations shadowing each other on the class path.
 */
public final class ParleyApplication {

    private ParleyApplication() {}

    /** The {@code spring.config.name} of a service: the shared defaults, then its own file. */
    public static String configName(String serviceName) {
        return "parley-platform," + serviceName;
    }

    /** A builder for {@code serviceName}, ready for extra properties (the standalone adds ports). */
    public static SpringApplicationBuilder builder(Class<?> application, String serviceName) {
        return new SpringApplicationBuilder(application)
                .properties(
                        Map.of("spring.config.name", configName(serviceName), "spring.application.name", serviceName));
    }

    public static ConfigurableApplicationContext run(Class<?> application, String serviceName, String... args) {
        return builder(application, serviceName).run(args);
    }
}
