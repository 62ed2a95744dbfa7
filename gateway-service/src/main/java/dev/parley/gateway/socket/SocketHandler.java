package dev.parley.gateway.socket;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.gateway.auth.ActiveUsers;
import dev.parley.gateway.auth.Principal;
import dev.parley.platform.directory.TenantDirectory;
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
    private volatile Disposable revocations = Disposables.disposed();
    private final TenantDirectory directory;

    /**
     * The close of an agent's socket whose user was deactivated or deleted: an application code
     * (4000–4999) the console's socket client takes as "the credential is refused, do not retry".
     */
    static final CloseStatus REVOKED = new CloseStatus(4401, ActiveUsers.REVOKED);

    SocketHandler(SocketServices services, MeterRegistry meters, TenantDirectory directory) {
        this.services = services;
        this.directory = directory;
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
        // The close is subscribed on its own, never as one of the racers below: closing ends the
        // inbound side, which wins the race and cancels the others, and a cancelled close releases
        // its frame. Requested from another thread (a deactivation arrives on the tenant
        // directory's), the frame's write is only scheduled on the channel's event loop by then, so
        // it would go out freed, and the client would never read the code. Done when inbound ends.
        Mono<Void> closeOnRequest = connection
                .closeRequests()
                .doOnNext(status -> session.close(status).subscribe(unused -> {}, failure -> {}))
                .then(Mono.never());
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
        revocations = directory.changes().subscribe(this::closeRevoked);
        heartbeats = Flux.interval(services.limits().presenceHeartbeat())
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(connections.values())
                        .flatMap(connection -> connection.heartbeat().onErrorResume(failure -> Mono.empty())))
                .subscribe();
    }

    /**
     * Every node holds every tenant's snapshot, so a deactivation reaches each node's sockets of
     * that user without any fan-out of our own: the snapshot no longer lists them, and their
     * sockets here close with {@link #REVOKED}.
     */
    private void closeRevoked(TenantUpdated tenant) {
        for (Connection connection : connections.values()) {
            Principal principal = connection.principal();
            if (principal.isAgent()
                    && principal.tenantId().equals(tenant.tenantId())
                    && !ActiveUsers.lists(tenant, principal)) {
                log.info(
                        "Closing socket {} of user {}: deactivated or removed",
                        connection.connectionId(),
                        principal.id());
                connection.requestClose(REVOKED);
            }
        }
    }

    @Override
    public void stop() {
        heartbeats.dispose();
        revocations.dispose();
    }

    @Override
    public boolean isRunning() {
        return !heartbeats.isDisposed();
    }
}
