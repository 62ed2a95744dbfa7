package dev.parley.analytics;

import dev.parley.platform.boot.ParleyApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Rollups of chat and routing events: reports, exports, live dashboard. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalyticsApplication {

    public static final String NAME = "analytics-service";

    public static void main(String[] args) {
        ParleyApplication.run(AnalyticsApplication.class, NAME, args);
    }
}
