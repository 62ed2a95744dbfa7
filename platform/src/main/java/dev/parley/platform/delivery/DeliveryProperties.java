package dev.parley.platform.delivery;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the delivery fan-out lives.
 *
 * @param url Redis to publish and subscribe through, for example {@code redis://localhost:6379}
 */
@ConfigurationProperties("parley.redis")
public record DeliveryProperties(URI url) {}
