package dev.parley.standalone;

import dev.parley.analytics.AnalyticsApplication;
import dev.parley.gateway.GatewayApplication;
import dev.parley.routing.RoutingApplication;
import dev.parley.session.SessionApplication;
import dev.parley.tenant.TenantApplication;
import dev.parley.widget.WidgetCdnApplication;
import java.util.List;

/**
 * One service as the standalone hosts it.
 *
 * @param name the service's {@code spring.application.name}, also its configuration file's name
 * @param application its {@code @SpringBootApplication} class
 * @param defaultPort where it listens unless told otherwise
 * @param stateful whether it has a database schema (the gateway and the widget CDN have none)
 */
record ServiceSpec(String name, Class<?> application, int defaultPort, boolean stateful) {

    static final ServiceSpec TENANT = new ServiceSpec(TenantApplication.NAME, TenantApplication.class, 8091, true);
    static final ServiceSpec SESSION = new ServiceSpec(SessionApplication.NAME, SessionApplication.class, 8092, true);
    static final ServiceSpec ROUTING = new ServiceSpec(RoutingApplication.NAME, RoutingApplication.class, 8093, true);
    static final ServiceSpec ANALYTICS =
            new ServiceSpec(AnalyticsApplication.NAME, AnalyticsApplication.class, 8094, true);
    static final ServiceSpec WIDGET =
            new ServiceSpec(WidgetCdnApplication.NAME, WidgetCdnApplication.class, 8095, false);
    static final ServiceSpec GATEWAY = new ServiceSpec(GatewayApplication.NAME, GatewayApplication.class, 8080, false);

    /** The services behind the gateway, in start order; the gateway starts last, once it knows their ports. */
    static final List<ServiceSpec> BACKENDS = List.of(TENANT, SESSION, ROUTING, ANALYTICS, WIDGET);
}
