package dev.parley.routing;

import dev.parley.platform.boot.ParleyApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Department queues, agent presence and capacity, offers and assignment. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RoutingApplication {

    public static final String NAME = "routing-service";

    public static void main(String[] args) {
        ParleyApplication.run(RoutingApplication.class, NAME, args);
    }
}
