package dev.parley.standalone;

import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.platform.boot.ParleyApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Parley on one machine: real Postgres, Kafka and Redis from Maven artifacts, then every service
 * in this JVM, each in an application context of its own with its own port and configuration,
 * as it would run in its own process. {@code ./parley start} runs {@link #main}; the end-to-end
 * tests start it with free ports.
 */
public final class Standalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Standalone.class);

    /** Where {@code ./parley start} serves the demo shop. */
    static final int DEMO_SITE_PORT = 8096;

    /** Auto-configurations a stateless service must not pick up from its neighbours' class path. */
    private static final String PERSISTENCE_AUTO_CONFIGURATIONS = String.join(
            ",",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcInitializationAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");

    private final EmbeddedInfrastructure infrastructure;
    private final List<RunningService> services;
    private final Map<String, Object> gatewayRoutes;
    private final Duration startTime;
    private final AtomicBoolean servicesClosed = new AtomicBoolean();

    private Standalone(
            EmbeddedInfrastructure infrastructure,
            List<RunningService> services,
            Map<String, Object> gatewayRoutes,
            Duration startTime) {
        this.infrastructure = infrastructure;
        this.services = new java.util.concurrent.CopyOnWriteArrayList<>(services);
        this.gatewayRoutes = Map.copyOf(gatewayRoutes);
        this.startTime = startTime;
    }

    /** A service that is up, and where. */
    public record RunningService(String name, int port, ConfigurableApplicationContext context) {

        public String url() {
            return "http://localhost:" + port;
        }

        public String readinessUrl() {
            return url() + "/actuator/health/readiness";
        }
    }

    /**
     * Starts the infrastructure and every service; returns once each is ready.
     *
     * @param freePorts listen on ports the system picks instead of the documented defaults
     */
    public static Standalone start(boolean freePorts) {
        long began = System.nanoTime();
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.shared();
        List<RunningService> running = new ArrayList<>();
        Map<String, Object> gatewayRoutes = new HashMap<>();
        try {
            // Links in e-mail, and Stripe's way back after paying, lead to the console behind the
            // gateway, so its port is known before the services that make those links start. On
            // free ports (tests) ended trials are swept every few seconds, so a test need not wait a minute.
            int gatewayPort = freePorts ? freePort() : ServiceSpec.GATEWAY.defaultPort();
            Map<String, Object> backendExtras = new HashMap<>();
            backendExtras.put("parley.console-url", "http://localhost:" + gatewayPort + "/console");
            if (freePorts) {
                backendExtras.put("parley.plans.trial-sweep-interval", "3s");
            }
            for (ServiceSpec spec : ServiceSpec.BACKENDS) {
                RunningService service = run(spec, infrastructure, freePorts, backendExtras);
                running.add(service);
                gatewayRoutes.put("parley.services." + routeName(spec), service.url());
            }
            Map<String, Object> gatewayProperties = new HashMap<>(gatewayRoutes);
            gatewayProperties.put("server.port", gatewayPort);
            RunningService gateway = run(ServiceSpec.GATEWAY, infrastructure, freePorts, gatewayProperties);
            running.add(0, gateway);
            // Stripe calls the public entry, as it would in a deployment.
            infrastructure.stripe().deliverTo(URI.create(gateway.url() + "/api/tenant/billing/stripe-webhook"));
        } catch (RuntimeException e) {
            running.forEach(service -> service.context().close());
            infrastructure.close();
            throw e;
        }
        Standalone parley = new Standalone(
                infrastructure, List.copyOf(running), gatewayRoutes, Duration.ofNanos(System.nanoTime() - began));
        // The infrastructure's shutdown hook (SIGTERM, Ctrl-C) closes the services before itself.
        infrastructure.closeFirst(parley::closeServices);
        return parley;
    }

    private static RunningService run(
            ServiceSpec spec, EmbeddedInfrastructure infrastructure, boolean freePorts, Map<String, Object> extra) {
        long began = System.nanoTime();
        Map<String, Object> properties = new HashMap<>();
        infrastructure.springProperties().forEach((name, value) -> {
            if (spec.stateful() || !(name.startsWith("spring.r2dbc.") || name.startsWith("spring.flyway."))) {
                properties.put(name, value);
            }
        });
        properties.put("server.port", freePorts ? 0 : spec.defaultPort());
        // Seven "Starting ..." banners from one main class say nothing; each service gets one line below.
        properties.put("spring.main.log-startup-info", false);
        if (spec != ServiceSpec.GATEWAY) {
            // The gateway's auto-configuration is on this JVM's class path for the gateway only.
            properties.put("spring.cloud.gateway.server.webflux.enabled", false);
        }
        if (!spec.stateful()) {
            properties.put("spring.autoconfigure.exclude", PERSISTENCE_AUTO_CONFIGURATIONS);
        }
        properties.putAll(extra);
        // As command-line arguments: they must outrank the service's own configuration file, as
        // environment variables do in a deployment; default properties would lose to it.
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = ParleyApplication.builder(spec.application(), spec.name())
                // One shutdown for all: services first, then the infrastructure they use.
                .registerShutdownHook(false)
                .run(arguments);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        log.info("{} ready on port {} in {} ms", spec.name(), port, (System.nanoTime() - began) / 1_000_000);
        return new RunningService(spec.name(), port, context);
    }

    /** A port free now; taken by the gateway moments later (it fails to start if someone took it between). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String routeName(ServiceSpec spec) {
        return spec == ServiceSpec.WIDGET ? "widget" : spec.name().replace("-service", "");
    }

    /**
     * Starts one more gateway node on a free port, as a deployment scales the socket tier out:
     * any node can hold any socket, deliveries reach it through Redis.
     */
    public RunningService addGatewayNode() {
        RunningService node = run(ServiceSpec.GATEWAY, infrastructure, true, gatewayRoutes);
        services.add(1, node);
        return node;
    }

    public List<RunningService> services() {
        return services;
    }

    public RunningService service(String name) {
        return services.stream()
                .filter(service -> service.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

    /** Stops the services, gateway first so no new work comes in, then the infrastructure. */
    @Override
    public void close() {
        closeServices();
        infrastructure.close();
    }

    private void closeServices() {
        if (servicesClosed.compareAndSet(false, true)) {
            long began = System.nanoTime();
            services.forEach(service -> service.context().close());
            log.info("Services stopped in {} ms", (System.nanoTime() - began) / 1_000_000);
        }
    }

    /**
     * Seeds the demo tenant a first-time user logs in with (its passwords are new every run) and
     * installs its widget on the demo shop.
     */
    TenantSeeder.Seeded seedDemo(DemoSite shop) {
        String gateway = service(ServiceSpec.GATEWAY.name()).url();
        List<String> origins =
                List.of(shop.origin(), service(ServiceSpec.WIDGET.name()).url(), gateway);
        TenantSeeder.Seeded demo = new TenantSeeder(gateway, infrastructure.mail()::awaitText)
                .seed("Demo Shop", "demo.parley.test", origins, 2, 3, "Billing", "PICKUP");
        shop.install(gateway, demo.siteKey());
        return demo;
    }

    void printReady(PrintStream out, TenantSeeder.Seeded demo, DemoSite shop) {
        out.printf(
                Locale.ROOT,
                "Parley is ready in %.1f s (infrastructure %.1f s)%n",
                startTime.toMillis() / 1000.0,
                infrastructure.startTime().toMillis() / 1000.0);
        for (RunningService service : services) {
            out.printf(Locale.ROOT, "  %-18s %-24s health %s%n", service.name(), service.url(), service.readinessUrl());
        }
        out.printf(Locale.ROOT, "  %-18s %s%n", "postgres", infrastructure.jdbcUrl());
        out.printf(Locale.ROOT, "  %-18s %s%n", "kafka", infrastructure.kafkaBootstrapServers());
        out.printf(Locale.ROOT, "  %-18s %s%n", "redis", infrastructure.redisUrl());
        out.printf(
                Locale.ROOT,
                "  %-18s smtp://%s:%d (local; every e-mail Parley sends is printed here as it arrives)%n",
                "mail",
                infrastructure.mail().host(),
                infrastructure.mail().port());
        out.printf(
                Locale.ROOT,
                "  %-18s %s (local Stripe stand-in: pay with card 4242 4242 4242 4242, any future date and CVC)%n",
                "billing",
                infrastructure.stripe().apiBase());
        out.printf(
                Locale.ROOT,
                "Demo tenant \"Demo Shop\": site key %s, allowed origins %s%n",
                demo.siteKey(),
                demo.origins());
        printLogin(out, "owner", demo.owner());
        demo.agents().forEach(agent -> printLogin(out, "agent", agent));
        printLogin(out, "supervisor", demo.supervisor());
        out.printf(Locale.ROOT, "Demo shop with the chat widget: %s%n", shop.url(""));
        out.printf(
                Locale.ROOT,
                "Agent console: %s/console%n",
                service(ServiceSpec.GATEWAY.name()).url());
        out.println("Ctrl-C stops everything.");
        out.flush();
    }

    private static void printLogin(PrintStream out, String role, TenantSeeder.Login login) {
        out.printf(Locale.ROOT, "  %-11s %-30s password %s%n", role, login.email(), login.password());
    }

    public static void main(String[] args) {
        boolean freePorts = List.of(args).contains("--free-ports");
        // No shutdown hook of our own: the infrastructure's hook closes the services first.
        Standalone parley = start(freePorts);
        DemoSite shop = DemoSite.start(freePorts ? 0 : DEMO_SITE_PORT);
        parley.infrastructure.closeFirst(() -> {
            shop.close();
            parley.closeServices();
        });
        parley.printReady(System.out, parley.seedDemo(shop), shop);
        printMail(parley.infrastructure.mail(), System.out);
    }

    /** The local SMTP server's mail, printed as it arrives: a newcomer reads reset links here. */
    private static void printMail(dev.parley.infra.MailNode mail, PrintStream out) {
        Thread.ofPlatform().daemon().name("parley-mail-printer").start(() -> {
            int seen = 0;
            while (true) {
                if (!mail.awaitMoreThan(seen, 60_000)) {
                    continue;
                }
                List<jakarta.mail.internet.MimeMessage> received = mail.received();
                for (var message : received.subList(seen, received.size())) {
                    try {
                        out.printf(
                                Locale.ROOT,
                                "%n--- e-mail to %s: %s ---%n%s%n---%n",
                                java.util.Arrays.toString(message.getAllRecipients()),
                                message.getSubject(),
                                message.getContent());
                    } catch (jakarta.mail.MessagingException | java.io.IOException e) {
                        out.println("--- an e-mail that could not be read: " + e + " ---");
                    }
                }
                out.flush();
                seen = received.size();
            }
        });
    }
}
