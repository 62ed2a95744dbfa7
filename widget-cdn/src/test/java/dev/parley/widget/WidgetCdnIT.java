package dev.parley.widget;

import dev.parley.platform.testing.ServiceIT;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
        classes = WidgetCdnApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,widget-cdn", "spring.application.name=widget-cdn"})
class WidgetCdnIT extends ServiceIT {

    @Override
    protected String serviceName() {
        return WidgetCdnApplication.NAME;
    }
}
