package dev.parley.benchmark;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A WebSocket client as a browser tab would be: text frames out in the order given, every text
 * frame in handed to a listener with the {@link System#nanoTime()} at which it was read. The same
 * class talks to the baseline relay and to Parley, so both runs pay the same client costs.
 */
final class BenchSocket implements AutoCloseable {

    /** Gets every text frame this socket reads, on the client's event loop. */
    interface Listener {
        void onFrame(BenchSocket socket, String frame, long receivedNanos);
    }

    private static final AtomicInteger OPEN = new AtomicInteger();
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final CompletableFuture<Integer> handshake = new CompletableFuture<>();
    private final AtomicLong refusedSends = new AtomicLong();
    private final Disposable connection;
    private volatile Listener listener;
    private volatile @Nullable String closeStatus;
    private volatile boolean open;

    private BenchSocket(HttpClient client, String url, @Nullable String origin, String name, Listener listener) {
        this.name = name;
        this.listener = listener;
        this.connection = client.headers(headers -> {
                    if (origin != null) {
                        headers.set("Origin", origin);
                    }
                })
                .websocket()
                .uri(url)
                .handle(this::session)
                .doOnError(failure -> handshake.complete(
                        failure instanceof WebSocketClientHandshakeException refused && refused.response() != null
                                ? refused.response().status().code()
                                : -1))
                .subscribe(unused -> {}, failure -> {});
    }

    private Publisher<Void> session(WebsocketInbound in, WebsocketOutbound out) {
        OPEN.incrementAndGet();
        open = true;
        handshake.complete(101);
        in.receiveCloseStatus().subscribe(status -> closeStatus = status.code() + " " + status.reasonText());
        Mono<Void> reading = in.receive()
                .asString()
                .doOnNext(text -> listener.onFrame(this, text, System.nanoTime()))
                .then();
        Mono<Void> writing = out.sendString(outbound.asFlux()).then();
        return Mono.when(reading, writing).doFinally(signal -> {
            open = false;
            OPEN.decrementAndGet();
        });
    }

    /** Opens a socket and waits until it is upgraded; fails with the HTTP status otherwise. */
    static BenchSocket open(HttpClient client, String url, @Nullable String origin, String name, Listener listener) {
        BenchSocket socket = new BenchSocket(client, url, origin, name, listener);
        Integer status;
        try {
            status = socket.handshake.get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            status = null;
        } catch (ExecutionException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = null;
        }
        if (status == null || status != 101) {
            socket.close();
            throw new IllegalStateException(
                    name + ": WebSocket handshake to " + url + " refused (HTTP " + status + ")");
        }
        return socket;
    }

    /** Queues a frame; frames leave in the order queued. Safe from any thread. */
    synchronized void send(String frame) {
        if (outbound.tryEmitNext(frame).isFailure()) {
            refusedSends.incrementAndGet();
        }
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    String name() {
        return name;
    }

    /** Frames {@link #send} could not queue (the socket had closed). */
    long refusedSends() {
        return refusedSends.get();
    }

    /** The close frame the server sent, as "code reason"; null while none came. */
    @Nullable
    String closeStatus() {
        return closeStatus;
    }

    /** Upgraded and not closed since. */
    boolean isOpen() {
        return open;
    }

    /** Sockets of this process open right now, whichever server they talk to. */
    static int openSockets() {
        return OPEN.get();
    }

    @Override
    public void close() {
        connection.dispose();
    }

    @Override
    public String toString() {
        return name;
    }
}
