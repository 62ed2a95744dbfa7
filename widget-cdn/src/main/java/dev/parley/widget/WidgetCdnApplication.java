package dev.parley.widget;

import dev.parley.platform.boot.ParleyApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Serves the website widget: the loader snippet and its content-hashed, precompressed assets. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WidgetCdnApplication {

    public static final String NAME = "widget-cdn";

    public static void main(String[] args) {
        ParleyApplication.run(WidgetCdnApplication.class, NAME, args);
    }
}
