package dev.parley.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The floor: a bare Reactor Netty WebSocket server in this process that writes every frame a
 * visitor socket sends to its pair's agent socket, as it is. No parsing, no storage, no broker:
 * what is left is this machine, the loopback and the client. Pairs share agent sockets as in the
 * Parley run: pair {@code i} goes to agent {@code i mod agents}.
 */
final class RelayTarget implements Target {

    private final DisposableServer server;
    private final Map<String, Sinks.Many<String>> agents = new ConcurrentHashMap<>();
    private final List<Pair> pairs = new ArrayList<>();
    private final List<BenchSocket> agentSockets = new ArrayList<>();

    private final int agentCount;

    private RelayTarget(int agentCount) {
        this.agentCount = agentCount;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get("/relay/{role}/{pair}", (request, response) -> {
                    String role = request.param("role");
                    String pair = String.valueOf(request.param("pair"));
                    if ("agent".equals(role)) {
                        return response.sendWebsocket((in, out) -> {
                            Sinks.Many<String> toAgent = Sinks.many().unicast().onBackpressureBuffer();
                            agents.put(pair, toAgent);
                            return Mono.firstWithSignal(
                                    in.receive().then(),
                                    out.sendString(toAgent.asFlux()).then());
                        });
                    }
                    return response.sendWebsocket((in, out) -> {
                        Sinks.Many<String> toAgent = agents.get(agentOf(pair));
                        if (toAgent == null) {
                            return out.sendClose(1011, "agent first");
                        }
                        // Visitors sharing an agent write from several event loops: one at a time into its sink.
                        return in.receive()
                                .asString()
                                .doOnNext(frame -> {
                                    synchronized (toAgent) {
                                        toAgent.tryEmitNext(frame);
                                    }
                                })
                                .then();
                    });
                }))
                .bindNow(Duration.ofSeconds(10));
    }

    private String agentOf(String pair) {
        try {
            return String.valueOf(Integer.parseInt(pair) % agentCount);
        } catch (NumberFormatException e) {
            return pair;
        }
    }

    /** Starts the relay and opens {@code agents} agent and {@code n} visitor sockets to it. */
    static RelayTarget start(int n, int agents, HttpClient client) {
        RelayTarget relay = new RelayTarget(agents);
        try {
            String base = "ws://127.0.0.1:" + relay.server.port() + "/relay/";
            BenchSocket.Listener ignore = (socket, frame, at) -> {};
            for (int i = 0; i < agents; i++) {
                relay.agentSockets.add(BenchSocket.open(client, base + "agent/" + i, null, "relay-agent-" + i, ignore));
            }
            for (int i = 0; i < n; i++) {
                BenchSocket visitor =
                        BenchSocket.open(client, base + "visitor/" + i, null, "relay-visitor-" + i, ignore);
                relay.pairs.add(new Pair(i, "relay-" + i, visitor));
            }
            return relay;
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "baseline relay";
    }

    @Override
    public String jvmShare() {
        return "relay_jvm";
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
    public Map<String, String> describe() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("server", "Reactor Netty relay on 127.0.0.1:" + server.port());
        facts.put("client sockets open", String.valueOf(BenchSocket.openSockets()));
        return facts;
    }

    @Override
    public void close() {
        pairs.forEach(pair -> pair.visitor().close());
        agentSockets.forEach(BenchSocket::close);
        server.disposeNow(Duration.ofSeconds(5));
    }
}
