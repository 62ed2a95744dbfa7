package dev.parley.gateway;

import dev.parley.platform.boot.ParleyApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The only public entry: routes HTTP to the services, holds the visitor and agent sockets, and
 * keeps no chat state that would be lost with the node.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static final String NAME = "gateway-service";

    public static void main(String[] args) {
        ParleyApplication.run(GatewayApplication.class, NAME, args);
    }
}
