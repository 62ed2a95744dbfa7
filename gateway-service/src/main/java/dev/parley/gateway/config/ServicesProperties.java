package dev.parley.gateway.config;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services answer, for the HTTP routes and for the gateway's own calls.
 *
 * @param tenant tenant-service (login, signing keys)
 * @param session session-service (visitor tokens, conversation access, history)
 * @param routing routing-service
 * @param analytics analytics-service
 * @param widget widget-cdn
 */
@ConfigurationProperties("parley.services")
public record ServicesProperties(URI tenant, URI session, URI routing, URI analytics, URI widget) {}
