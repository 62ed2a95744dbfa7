package dev.parley.benchmark;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.standalone.Standalone;
import dev.parley.standalone.TenantSeeder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * All of Parley in this process ({@link Standalone}), seeded as a customer would through the
 * public HTTP API: one tenant, its site's origin, {@code agents} agents that share the {@code
 * chats} (each has room for {@link Options#maxChats} and accepts every offer it gets). Agents
 * connect to a second gateway node, visitors to the first, so every message crosses nodes:
 * visitor socket → gateway A → Kafka → session-service (Postgres) → Redis → gateway B → agent
 * socket. With {@code --idle-sockets}, silent visitors on both nodes besides.
 */
final class ParleyTarget implements Target {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(90);
    private static final int MAX_CHAT_REQUESTS = 5;
    /** Chats requested at once during set-up: enough to keep routing busy, few enough to keep its queue short. */
    private static final int CHAT_CONCURRENCY = 8;

    private final Standalone parley;
    private final PrintStream out;
    /** Waits of set-up: 90 s, and more for many chats (routing decides a tenant's chats one at a time). */
    private final Duration setupTimeout;

    private final List<BenchSocket> agentSockets = new CopyOnWriteArrayList<>();
    private final List<BenchSocket> visitorSockets = new CopyOnWriteArrayList<>();
    private final List<Pair> pairs = new ArrayList<>();
    private volatile @Nullable CommandTap tap;
    private volatile @Nullable IdleSockets idle;

    // Set-up state, written by the sockets' listeners.
    private final Map<String, Integer> pairOfConversation = new ConcurrentHashMap<>();
    private final Set<String> assignedToVisitor = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> assignedToAgent = new ConcurrentHashMap<>();
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> probed = ConcurrentHashMap.newKeySet();
    private final List<String> setupErrors = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> setupFrames = new ConcurrentHashMap<>();
    private volatile boolean pickUpMode;
    private volatile int agentCount = 1;

    private ParleyTarget(Standalone parley, PrintStream out, Duration setupTimeout) {
        this.parley = parley;
        this.out = out;
        this.setupTimeout = setupTimeout;
    }

    /** Set-up may wait this long for each of its stages with {@code chats} chats. */
    static Duration setupTimeout(int chats) {
        return SETUP_TIMEOUT.plusMillis(40L * chats);
    }

    static ParleyTarget start(Options options, HttpClient client, PrintStream out) {
        long began = System.nanoTime();
        Standalone parley = Standalone.start(true);
        ParleyTarget target = new ParleyTarget(parley, out, setupTimeout(options.chats()));
        try {
            String gatewayA = loopback(parley.service("gateway-service").url());
            String gatewayB = loopback(parley.addGatewayNode().url());
            out.printf(
                    Locale.ROOT,
                    "bench: Parley started in %.1f s; visitors on gateway A %s, agents on gateway B %s%n",
                    (System.nanoTime() - began) / 1e9,
                    gatewayA,
                    gatewayB);
            target.setUp(options, client, new ParleyApi(gatewayA), new ParleyApi(gatewayB));
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    private void setUp(Options options, HttpClient client, ParleyApi a, ParleyApi b) {
        long began = System.nanoTime();
        int n = options.chats();
        agentCount = options.agents();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String origin = "http://shop-" + suffix + ".test";
        int maxChats = options.maxChats();
        // As a customer would, through gateway A; the supervisor it also makes never goes online.
        TenantSeeder seeder =
                new TenantSeeder(a.gateway(), parley.infrastructure().mail()::awaitText);
        TenantSeeder.Seeded tenant = seeder.seed(
                "Bench " + suffix,
                "bench-" + suffix + ".test",
                List.of(origin),
                agentCount,
                maxChats,
                "Billing",
                "OFFER");
        String departmentId = tenant.departmentId().toString();
        Set<UUID> agentIds = new HashSet<>();
        tenant.agents().forEach(agent -> agentIds.add(agent.userId()));
        TenantUpdated known = awaitDirectories(
                tenant.tenantId(),
                t -> t.agents().stream()
                                        .filter(agent -> agentIds.contains(agent.agentId()))
                                        .count()
                                == agentCount
                        && t.sites().stream()
                                .anyMatch(site -> site.allowedOrigins().contains(origin)));
        pickUpMode = known.departments().stream()
                .filter(d -> d.departmentId().equals(tenant.departmentId()))
                .anyMatch(d -> d.routingMode().name().equals("PICKUP"));
        out.printf(
                Locale.ROOT,
                "bench: tenant %s seeded with %d agents for %d chats (maxChats %d, %s mode) in %.1f s%n",
                tenant.tenantId(),
                agentCount,
                n,
                maxChats,
                pickUpMode ? "pick-up" : "offer",
                (System.nanoTime() - began) / 1e9);

        // Agents: log in, connect to gateway B, go online.
        agentSockets.addAll(Concurrently.map(agentCount, Concurrently.CONCURRENCY, setupTimeout, agent -> {
            TenantSeeder.Login login = tenant.agents().get(agent);
            String token = seeder.login(login.email(), login.password());
            BenchSocket socket = BenchSocket.open(
                    client,
                    b.webSocketUrl("/ws/agent?access_token=" + ParleyApi.encode(token)),
                    null,
                    "agent-" + agent,
                    (s, frame, at) -> onAgentSetupFrame(agent, s, frame));
            socket.send("{\"type\":\"presence.set\",\"status\":\"online\"}");
            return socket;
        }));
        // Presence travels gateway → Kafka → routing: wait until routing counts every agent online.
        long online = System.nanoTime() + setupTimeout.toNanos();
        while (a.ok("GET", "/api/routing/availability/" + tenant.siteKey(), null, Map.of())
                        .path("agentsOnline")
                        .asInt(0)
                < agentSockets.size()) {
            failIfClosed(agentSockets);
            failAfter(online, () -> "waiting for " + agentSockets.size() + " agents to be online");
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }

        // Visitors: a token from the site, a socket to gateway A, CONCURRENCY at a time.
        String[] conversationOf = new String[n];
        String[] visitorTokens = new String[n];
        BenchSocket[] visitors = new BenchSocket[n];
        Concurrently.map(n, Concurrently.CONCURRENCY, setupTimeout, i -> {
            visitorTokens[i] = a.newVisitor(tenant.siteKey(), origin);
            BenchSocket socket = BenchSocket.open(
                    client,
                    a.webSocketUrl("/ws/visitor?token=" + ParleyApi.encode(visitorTokens[i])),
                    origin,
                    "visitor-" + i,
                    (s, frame, at) -> onVisitorSetupFrame(frame));
            visitorSockets.add(socket);
            visitors[i] = socket;
            return socket;
        });
        // Then their chats, a few at a time, each until it is assigned on both sides: every change
        // of the department's queue goes to every agent (a snapshot of it) and to every visitor
        // waiting in it (their place), so a long queue costs the square of its length.
        Concurrently.map(n, CHAT_CONCURRENCY, setupTimeout, i -> {
            conversationOf[i] = requestUntilAssigned(a, visitorTokens[i], visitors[i], departmentId, i);
            return conversationOf[i];
        });
        long deadline = System.nanoTime() + setupTimeout.toNanos();

        // One probe message per chat, end to end: the agent follows the conversation once it arrives.
        for (int i = 0; i < n; i++) {
            visitors[i].send("{\"type\":\"message.send\",\"conversationId\":\"" + conversationOf[i]
                    + "\",\"clientMsgId\":\"probe-" + i + "\",\"text\":\"Hello, anyone there?\"}");
        }
        while (count(conversationOf, probed::contains) < n) {
            failAfter(
                    deadline,
                    () -> "waiting for probe messages: " + count(conversationOf, probed::contains) + "/" + n
                            + " reached their agent; " + framesSoFar());
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        for (int i = 0; i < n; i++) {
            pairs.add(new Pair(i, conversationOf[i], visitors[i]));
        }
        if (options.hops()) {
            CommandTap started = new CommandTap(parley.infrastructure().kafkaBootstrapServers());
            tap = started;
            started.awaitAssignment(Duration.ofSeconds(15));
        }
        Map<Integer, Long> chatsPerAgent = new TreeMap<>();
        assignedToAgent.values().forEach(agent -> chatsPerAgent.merge(agent, 1L, Long::sum));
        out.printf(
                Locale.ROOT,
                "bench: %d chats assigned to %d agents (%d to %d each) and probed end to end in %.1f s%s%n",
                n,
                chatsPerAgent.size(),
                chatsPerAgent.values().stream().mapToLong(Long::longValue).min().orElse(0),
                chatsPerAgent.values().stream().mapToLong(Long::longValue).max().orElse(0),
                (System.nanoTime() - began) / 1e9,
                setupErrors.isEmpty() ? "" : "; errors during set-up: " + setupErrors);
        if (options.idleSockets() > 0) {
            idle = IdleSockets.connect(options.idleSockets(), client, List.of(a, b), tenant.siteKey(), origin, out);
        }
    }

    /**
     * Requests the visitor's chat and follows it on their socket until it is assigned to the
     * visitor and to an agent; a chat refused (no agent online yet) is asked for again.
     */
    private String requestUntilAssigned(
            ParleyApi api, String visitorToken, BenchSocket visitor, String departmentId, int pair) {
        long deadline = System.nanoTime() + setupTimeout.toNanos();
        for (int request = 1; ; request++) {
            String conversation = requestChat(api, visitorToken, departmentId, pair);
            visitor.send(resume(conversation));
            String reason;
            while ((reason = unavailable.remove(conversation)) == null) {
                if (assignedToVisitor.contains(conversation) && assignedToAgent.containsKey(conversation)) {
                    return conversation;
                }
                failAfter(
                        deadline,
                        () -> "waiting for the chat of visitor " + pair + " to be assigned: "
                                + assignedToVisitor.size() + " assigned to visitors, " + assignedToAgent.size()
                                + " to agents; " + framesSoFar());
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            if (request >= MAX_CHAT_REQUESTS) {
                throw new IllegalStateException("chat of visitor " + pair + " refused " + MAX_CHAT_REQUESTS
                        + " times, last: conversation.unavailable " + reason);
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    private String requestChat(ParleyApi api, String visitorToken, String departmentId, int pair) {
        ParleyApi.Response response = api.call(
                "POST",
                "/api/session/conversations",
                Map.of("departmentId", departmentId, "answers", Map.of("name", "Visitor " + pair)),
                ParleyApi.visitor(visitorToken));
        String conversation = response.body().path("conversationId").asString("");
        if (response.status() / 100 != 2 && !(response.status() == 409 && !conversation.isEmpty())) {
            throw new IllegalStateException(
                    "chat request of visitor " + pair + " answered HTTP " + response.status() + " " + response.body());
        }
        pairOfConversation.put(conversation, pair);
        return conversation;
    }

    private static String resume(String conversation) {
        return "{\"type\":\"resume\",\"conversations\":{\"" + conversation + "\":0}}";
    }

    private void onAgentSetupFrame(int agent, BenchSocket socket, String text) {
        if (!pickUpMode && text.startsWith("{\"type\":\"queue\"")) {
            // The queue's snapshot, to every agent at every change: only pick-up mode needs to read it.
            countFrame("agents", "queue");
            return;
        }
        JsonNode frame = parse(text);
        String type = frame.path("type").asString("");
        String conversation = frame.path("conversationId").asString("");
        countFrame("agents", type);
        switch (type) {
            // Every offer is answered, a repeated one too (an earlier accept may have come too late).
            case "offer" -> socket.send(accept(conversation));
            case "queue" -> {
                if (pickUpMode) {
                    // Pick-up mode: everyone sees every chat; each agent takes only its own pairs' (i mod agents).
                    for (JsonNode entry : frame.path("entries")) {
                        String listed = entry.path("conversationId").asString("");
                        Integer pair = pairOfConversation.get(listed);
                        if (pair != null && pair % agentCount == agent && accepted.add(socket.name() + "/" + listed)) {
                            socket.send(accept(listed));
                        }
                    }
                }
            }
            case "conversation.assigned" -> assignedToAgent.put(conversation, agent);
            case "message" -> {
                if (frame.path("clientMsgId").asString("").startsWith("probe-")) {
                    probed.add(conversation);
                }
            }
            case "error" -> setupErrors.add(socket.name() + ": " + text);
            default -> {}
        }
    }

    /** A socket the server closed during set-up will never work: say so now, not at the time-out. */
    private void failIfClosed(List<BenchSocket> sockets) {
        if (sockets.stream().anyMatch(socket -> socket.closeStatus() != null)) {
            throw new IllegalStateException("the server closed sockets during set-up: " + framesSoFar());
        }
    }

    private void countFrame(String side, String type) {
        setupFrames
                .computeIfAbsent(side + " got " + type, key -> new LongAdder())
                .increment();
    }

    /** What the sockets received during set-up, by type: what a stuck set-up was waiting for. */
    private String framesSoFar() {
        Map<String, Long> counts = new TreeMap<>();
        setupFrames.forEach((key, count) -> counts.put(key, count.sum()));
        List<String> closed = new ArrayList<>();
        for (BenchSocket socket : agentSockets) {
            if (socket.closeStatus() != null) {
                closed.add(socket.name() + " " + socket.closeStatus());
            }
        }
        for (BenchSocket socket : visitorSockets) {
            if (socket.closeStatus() != null) {
                closed.add(socket.name() + " " + socket.closeStatus());
            }
        }
        return "frames " + counts + "; errors " + setupErrors
                + (closed.isEmpty() ? "" : "; closed by the server: " + closed);
    }

    private static String accept(String conversation) {
        return "{\"type\":\"offer.accept\",\"conversationId\":\"" + conversation + "\"}";
    }

    private void onVisitorSetupFrame(String text) {
        JsonNode frame = parse(text);
        String conversation = frame.path("conversationId").asString("");
        countFrame("visitors", frame.path("type").asString(""));
        switch (frame.path("type").asString("")) {
            case "conversation.assigned" -> assignedToVisitor.add(conversation);
            case "conversation.unavailable" ->
                unavailable.put(conversation, frame.path("reason").asString("?"));
            case "error" -> setupErrors.add("visitor: " + text);
            default -> {}
        }
    }

    private static long count(String[] conversations, Predicate<String> test) {
        return Arrays.stream(conversations).filter(test).count();
    }

    private void failAfter(long deadline, Supplier<String> state) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("set-up timed out after " + setupTimeout.toSeconds() + " s " + state.get());
        }
    }

    private static JsonNode parse(String text) {
        try {
            return ParleyApi.JSON.readTree(text);
        } catch (JacksonException e) {
            return ParleyApi.JSON.createObjectNode();
        }
    }

    /** Waits until every service's copy of the tenant directory has the tenant as {@code complete} wants it. */
    private TenantUpdated awaitDirectories(UUID tenantId, Predicate<TenantUpdated> complete) {
        List<TenantDirectory> directories = parley.services().stream()
                .map(service ->
                        service.context().getBeanProvider(TenantDirectory.class).getIfAvailable())
                .filter(Objects::nonNull)
                .toList();
        AtomicReference<TenantUpdated> seen = new AtomicReference<>();
        await(
                Duration.ofSeconds(30),
                () -> {
                    for (TenantDirectory directory : directories) {
                        var tenant = directory.tenant(tenantId).filter(complete);
                        if (tenant.isEmpty()) {
                            return false;
                        }
                        seen.set(tenant.get());
                    }
                    return true;
                },
                "every service to know the new tenant");
        return Objects.requireNonNull(seen.get());
    }

    private static void await(Duration timeout, BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static String loopback(String url) {
        return url.replace("://localhost:", "://127.0.0.1:");
    }

    @Override
    public String name() {
        return "Parley";
    }

    @Override
    public String jvmShare() {
        return "parley_jvm";
    }

    @Override
    public List<Pair> pairs() {
        return pairs;
    }

    @Override
    public List<BenchSocket> agentSockets() {
        return agentSockets;
    }

    @Override
    public @Nullable CommandTap commandTap() {
        return tap;
    }

    /** Postgres is a postmaster and its backends (the tree, ended backends included); Redis one process. */
    @Override
    public Map<String, Long> processCpuNanos() {
        var infrastructure = parley.infrastructure();
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put("postgres", ProcessStats.treeCpuNanos(infrastructure.postgresPid()));
        processes.put("redis", ProcessStats.treeCpuNanos(infrastructure.redisPid()));
        return processes;
    }

    /** The idle sockets' memory line, with {@code --idle-sockets}. */
    @Override
    public List<String> findings() {
        IdleSockets sockets = idle;
        return sockets == null ? List.of() : List.of(sockets.line());
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> facts = new LinkedHashMap<>();
        List<String> gateways = new ArrayList<>();
        for (Standalone.RunningService service : parley.services()) {
            if (service.name().equals("gateway-service")) {
                gateways.add(":" + service.port() + " " + gatewaySockets(service) + " sockets");
            }
        }
        facts.put("gateway nodes", String.join(", ", gateways));
        IdleSockets sockets = idle;
        if (sockets != null) {
            facts.put("idle sockets still open", sockets.stillOpen() + " of " + sockets.size());
        }
        var infrastructure = parley.infrastructure();
        facts.put(
                "Postgres PSS",
                ProcessStats.treePssKb(infrastructure.postgresPid()) / 1024 + " MiB (postmaster and backends)");
        facts.put("Redis RSS", ProcessStats.rssKb(infrastructure.redisPid()) / 1024 + " MiB");
        facts.put("gateway producer", producerSettings("gateway-service"));
        facts.put("session-service consumer", consumerSettings("session-service"));
        return facts;
    }

    /** The effective settings of the service's event producer, as the running context has them. */
    private String producerSettings(String serviceName) {
        try {
            var context = parley.service(serviceName).context();
            Object template = context.getBean("eventKafkaTemplate");
            if (template instanceof KafkaTemplate<?, ?> kafka) {
                Map<String, Object> config = kafka.getProducerFactory().getConfigurationProperties();
                return pick(
                                config,
                                "acks",
                                "enable.idempotence",
                                "linger.ms",
                                "batch.size",
                                "max.in.flight.requests.per.connection")
                        + " (message sends are pipelined: the gateway reads a socket's next frame without awaiting the ack)";
            }
        } catch (RuntimeException e) {
            return "? (" + e.getMessage() + ")";
        }
        return "?";
    }

    /** The effective consumer settings and listener container properties of the service. */
    private String consumerSettings(String serviceName) {
        try {
            var context = parley.service(serviceName).context();
            var factory = context.getBean(ConsumerFactory.class);
            String consumer = pick(
                    factory.getConfigurationProperties(),
                    "fetch.min.bytes",
                    "fetch.max.wait.ms",
                    "max.poll.records",
                    "enable.auto.commit",
                    "group.protocol");
            List<String> containers = new ArrayList<>();
            var registry = context.getBean(KafkaListenerEndpointRegistry.class);
            for (var container : registry.getListenerContainers()) {
                var properties = container.getContainerProperties();
                containers.add(String.join(",", properties.getTopics() == null ? new String[0] : properties.getTopics())
                        + ": pollTimeout=" + properties.getPollTimeout() + "ms concurrency="
                        + (container instanceof ConcurrentMessageListenerContainer<?, ?> c ? c.getConcurrency() : 1));
            }
            return consumer + "; " + containers;
        } catch (RuntimeException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    /** {@code name=value} of the given keys, "(default)" for one the configuration leaves to Kafka. */
    private static String pick(Map<String, Object> config, String... keys) {
        List<String> values = new ArrayList<>();
        for (String key : keys) {
            values.add(key + "=" + (config.containsKey(key) ? String.valueOf(config.get(key)) : "(Kafka default)"));
        }
        return String.join(" ", values);
    }

    private static String gatewaySockets(Standalone.RunningService gateway) {
        try {
            for (MeterRegistry registry :
                    gateway.context().getBeansOfType(MeterRegistry.class).values()) {
                Gauge gauge = registry.find("parley.gateway.sockets").gauge();
                if (gauge != null) {
                    return String.valueOf((long) gauge.value());
                }
            }
        } catch (RuntimeException e) {
            // a context closing under us: no number
        }
        return "?";
    }

    @Override
    public void close() {
        CommandTap running = tap;
        if (running != null) {
            running.close();
        }
        IdleSockets sockets = idle;
        if (sockets != null) {
            sockets.close();
        }
        visitorSockets.forEach(BenchSocket::close);
        agentSockets.forEach(BenchSocket::close);
        parley.close();
    }
}
