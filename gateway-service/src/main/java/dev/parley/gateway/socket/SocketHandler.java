package dev.parley.gateway.socket;

import dev.parley.gateway.auth.Principal;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The visitor and agent sockets of this node. {@link SocketAuthentication} authenticated the
 * handshake; here a socket becomes a {@link Connection} for its principal.
 */
final class SocketHandler implements SmartLifecycle {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SocketHandler.class);

    private final SocketServices services;
    private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
    private volatile Disposable heartbeats = Disposables.disposed();

    SocketHandler(SocketServices services, MeterRegistry meters) {
        this.services = services;
        Gauge.builder("parley.gateway.sockets", connections, Map::size)
                .description("Open visitor and agent sockets on this node")
                .register(meters);
    }

    Mono<Void> handle(WebSocketSession session, Principal principal) {
        Connection connection = new Connection(principal, nodeId + ":" + sequence.incrementAndGet(), services);
        connections.put(connection.connectionId(), connection);
        Mono<Void> inbound = session.receive()
                .filter(message -> message.getType() == WebSocketMessage.Type.TEXT)
                .map(WebSocketMessage::getPayloadAsText)
                .concatMap(connection::onFrame)
                .then();
        Mono<Void> outbound = session.send(connection.outbound().map(session::textMessage));
        Mono<Void> closeOnRequest = connection.closeRequests().flatMap(session::close);
        return connection
                .open()
                .then(Mono.firstWithSignal(inbound, outbound, closeOnRequest))
                .onErrorResume(failure -> {
                    log.warn("Socket {} failed; closing it with 1011", connection.connectionId(), failure);
                    return session.close(CloseStatus.SERVER_ERROR);
                })
                .then(Mono.defer(() -> {
                    connections.remove(connection.connectionId());
                    return connection.close();
                }));
    }

    @Override
    public void start() {
        heartbeats = Flux.interval(services.limits().presenceHeartbeat())
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(connections.values())
                        .flatMap(connection -> connection.heartbeat().onErrorResume(failure -> Mono.empty())))
                .subscribe();
    }

    @Override
    public void stop() {
        heartbeats.dispose();
    }

    @Override
    public boolean isRunning() {
        return !heartbeats.isDisposed();
    }
}
