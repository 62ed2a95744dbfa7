package dev.parley.standalone.e2e;

import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client, as the widget or console would be: records every frame it receives. */
final class ChatSocket implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<Integer> closeCode = Sinks.one();
    private volatile String closeReason = "";
    private final Sinks.One<Integer> handshake = Sinks.one();
    private final Disposable connection;

    private ChatSocket(String url, @Nullable String origin) {
        connection = HttpClient.create()
                .headers(headers -> {
                    if (origin != null) {
                        headers.set("Origin", origin);
                    }
                })
                .websocket()
                .uri(url)
                .handle(this::session)
                .doOnError(failure -> handshake.tryEmitValue(
                        failure instanceof WebSocketClientHandshakeException refused
                                ? refused.response().status().code()
                                : -1))
                .subscribe(unused -> {}, failure -> {});
    }

    private Mono<Void> session(WebsocketInbound in, WebsocketOutbound out) {
        handshake.tryEmitValue(101);
        in.receiveCloseStatus().subscribe(status -> {
            closeReason = status.reasonText();
            closeCode.tryEmitValue(status.code());
        });
        Mono<Void> reading = in.receive()
                .asString()
                .doOnNext(text -> frames.add(JSON.readTree(text)))
                .then();
        Mono<Void> writing = out.sendString(outbound.asFlux()).then();
        return Mono.when(reading, writing);
    }

    /** Opens a socket and waits until it is upgraded. */
    static ChatSocket open(String url, @Nullable String origin) {
        ChatSocket socket = new ChatSocket(url, origin);
        Integer status = socket.handshake.asMono().block(Duration.ofSeconds(15));
        if (status == null || status != 101) {
            socket.close();
            throw new IllegalStateException("handshake refused with HTTP " + status);
        }
        socket.awaitFrame(frame -> frame.path("type").asString("").equals("welcome"));
        return socket;
    }

    /** Opens a socket and waits only for the upgrade, not for a greeting (which a refused one never gets). */
    static ChatSocket upgrade(String url) {
        ChatSocket socket = new ChatSocket(url, null);
        Integer status = socket.handshake.asMono().block(Duration.ofSeconds(15));
        if (status == null || status != 101) {
            socket.close();
            throw new IllegalStateException("handshake refused with HTTP " + status);
        }
        return socket;
    }

    /** The HTTP status a handshake gets (101 when the socket opens). */
    static int handshakeStatus(String url, @Nullable String origin) {
        ChatSocket socket = new ChatSocket(url, origin);
        try {
            Integer status = socket.handshake.asMono().block(Duration.ofSeconds(15));
            return status == null ? -1 : status;
        } finally {
            socket.close();
        }
    }

    void send(String frame) {
        outbound.tryEmitNext(frame);
    }

    void send(Object frame) {
        send(JSON.writeValueAsString(frame));
    }

    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    List<JsonNode> ofType(String type) {
        return frames.stream()
                .filter(frame -> frame.path("type").asString("").equals(type))
                .toList();
    }

    /** Message frames of one conversation, in arrival order. */
    List<JsonNode> messages(String conversationId) {
        return ofType("message").stream()
                .filter(frame -> frame.path("conversationId").asString("").equals(conversationId))
                .toList();
    }

    JsonNode awaitFrame(Predicate<JsonNode> wanted) {
        try {
            return await().atMost(Duration.ofSeconds(20))
                    .until(() -> frames.stream().filter(wanted).findFirst().orElse(null), found -> found != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the awaited frame did not come; received: " + frames, e);
        }
    }

    JsonNode awaitType(String type) {
        return awaitFrame(frame -> frame.path("type").asString("").equals(type));
    }

    /** The close code the server sent, once it closed the socket. */
    int awaitClose() {
        Integer code = closeCode.asMono().block(Duration.ofSeconds(20));
        return code == null ? -1 : code;
    }

    /** The close code, when the server closes the socket within {@code within}; -1 otherwise. */
    int awaitClose(Duration within) {
        Integer code = closeCode.asMono().timeout(within, Mono.empty()).block(within.plusSeconds(1));
        return code == null ? -1 : code;
    }

    /** The reason of the server's close, once it closed. */
    String closeReason() {
        return closeReason;
    }

    /** Drops the connection without a goodbye, as a lost network would. */
    void kill() {
        connection.dispose();
    }

    @Override
    public void close() {
        connection.dispose();
    }
}
