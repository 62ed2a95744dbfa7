package dev.parley.session.visitor;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What agents see of the visitors on their sites.
 *
 * @param liveWindow the live list shows visitors whose last page view is at most this old
 */
@ConfigurationProperties("parley.session.visitors")
public record VisitorProperties(@DefaultValue("5m") Duration liveWindow) {}
