package dev.parley.gateway.socket;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.CloseConversation;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.ReportReceipt;
import dev.parley.contracts.chat.SendMessage;
import dev.parley.contracts.chat.Visibility;
import dev.parley.contracts.presence.AgentPresenceChanged;
import dev.parley.contracts.routing.AcceptConversation;
import dev.parley.contracts.routing.DeclineConversation;
import dev.parley.contracts.routing.TransferConversation;
import dev.parley.gateway.auth.Principal;
import dev.parley.platform.delivery.Delivery;
import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.platform.delivery.DeliverySubscriber;
import dev.parley.platform.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One socket: what its principal may do, the conversations it follows with the last sequence
 * number it sent of each, and its rate limit. Inbound frames are handled one at a time, so a
 * client's frames reach Kafka in the order it sent them; a message send does not wait for Kafka's
 * acknowledgement before the next frame is read (the producer keeps the order).
 */
final class Connection {

    private static final String SOURCE = "/parley/gateway-service";
    private static final int MAX_TEXT = 4000;
    private static final int MAX_CLIENT_MSG_ID = 64;
    private static final int FLOOD_LIMIT = 100;

    private final Principal principal;
    private final String connectionId;
    private final SocketServices services;
    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Map<UUID, Followed> followed = new ConcurrentHashMap<>();
    private final Disposable.Composite lifetime = Disposables.composite();
    private final Sinks.One<CloseStatus> closeRequest = Sinks.one();
    private final TokenBucket bucket;
    private int refusedInARow;
    private volatile AgentPresenceChanged.Status presence = AgentPresenceChanged.Status.OFFLINE;

    /** A followed conversation: the highest seq this socket has been sent. */
    private static final class Followed {
        volatile long lastSent;

        Followed(long lastSent) {
            this.lastSent = lastSent;
        }
    }

    Connection(Principal principal, String connectionId, SocketServices services) {
        this.principal = principal;
        this.connectionId = connectionId;
        this.services = services;
        this.bucket = new TokenBucket(
                services.limits().framesPerSecond(), services.limits().burst());
    }

    Flux<String> outbound() {
        return outbound.asFlux();
    }

    Mono<CloseStatus> closeRequests() {
        return closeRequest.asMono();
    }

    Principal principal() {
        return principal;
    }

    /** Closes the socket with {@code status} (the first request wins). */
    void requestClose(CloseStatus status) {
        closeRequest.tryEmitValue(status);
    }

    /** Subscribes the principal's own channels and greets the client. */
    Mono<Void> open() {
        List<String> channels = new ArrayList<>();
        if (principal.isAgent()) {
            channels.add(DeliveryChannels.agent(principal.tenantId(), principal.id()));
            principal.departmentIds().forEach(d -> channels.add(DeliveryChannels.queue(principal.tenantId(), d)));
        } else {
            channels.add(DeliveryChannels.visitor(principal.tenantId(), principal.id()));
        }
        return Flux.fromIterable(channels)
                .flatMap(services.subscriber()::subscribe)
                .doOnNext(subscription -> lifetime.add(subscription
                        .messages()
                        .map(Delivery::decode)
                        .concatMap(this::onPersonalDelivery)
                        .subscribe()))
                .then(Mono.fromRunnable(() -> emit(services.frames().welcome(principal, connectionId))));
    }

    /** The socket closed, whoever closed it: release everything, tell routing the agent's connection is gone. */
    Mono<Void> close() {
        lifetime.dispose();
        outbound.tryEmitComplete();
        if (principal.isAgent() && presence != AgentPresenceChanged.Status.OFFLINE) {
            presence = AgentPresenceChanged.Status.OFFLINE;
            return sendPresence().onErrorResume(failure -> Mono.empty());
        }
        return Mono.empty();
    }

    /** One inbound text frame. Never fails: every refusal is an error frame (or a close for floods). */
    Mono<Void> onFrame(String text) {
        if (!bucket.tryTake()) {
            if (++refusedInARow >= FLOOD_LIMIT) {
                closeRequest.tryEmitValue(CloseStatus.POLICY_VIOLATION.withReason("flooding"));
                return Mono.empty();
            }
            emitError("rate_limited", "Too many frames; slow down", refOf(text));
            return Mono.empty();
        }
        refusedInARow = 0;
        JsonNode frame;
        try {
            frame = services.json().readTree(text);
        } catch (JacksonException e) {
            emitError("bad_frame", "Not a JSON object", null);
            return Mono.empty();
        }
        String type = frame.isObject() ? frame.path("type").asString(null) : null;
        if (type == null) {
            emitError("bad_frame", "A frame is a JSON object with a type", null);
            return Mono.empty();
        }
        // defer: a validation that throws while building the command must become an error frame,
        // not end the socket's inbound stream.
        return Mono.defer(() -> dispatch(type, frame))
                .onErrorResume(ApiException.class, refused -> {
                    emitError(refused.code(), refused.getMessage(), ref(type, frame));
                    return Mono.empty();
                })
                .onErrorResume(failure -> {
                    emitError("unavailable", "Could not be handled now; retry", ref(type, frame));
                    return Mono.empty();
                });
    }

    private Mono<Void> dispatch(String type, JsonNode frame) {
        return switch (type) {
            case "ping" -> Mono.fromRunnable(() -> emit(services.frames().pong()));
            case "resume" -> resume(frame);
            case "message.send" -> send(frame);
            case "typing" -> typing(frame);
            case "conversation.close" -> closeConversation(frame);
            case "receipt" -> receipt(frame);
            case "presence.set" -> agentOnly(type).then(setPresence(frame));
            case "offer.accept" -> agentOnly(type).then(routing(frame, true));
            case "offer.decline" -> agentOnly(type).then(routing(frame, false));
            case "conversation.transfer" -> agentOnly(type).then(transfer(frame));
            default ->
                Mono.error(new ApiException(
                        org.springframework.http.HttpStatus.BAD_REQUEST, "unknown_type", "No frame type " + type));
        };
    }

    private Mono<Void> agentOnly(String type) {
        return principal.isAgent()
                ? Mono.empty()
                : Mono.error(new ApiException(
                        org.springframework.http.HttpStatus.BAD_REQUEST, "unknown_type", type + " is for agents"));
    }

    // --- following conversations: resume, then live, nothing twice ---

    private Mono<Void> resume(JsonNode frame) {
        JsonNode conversations = frame.path("conversations");
        if (!conversations.isObject() || conversations.size() > 50) {
            return Mono.error(ApiException.badRequest("invalid", "conversations: {id: lastSeq}, at most 50"));
        }
        Map<UUID, Long> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : conversations.properties()) {
            UUID id = uuid(entry.getKey(), "conversation id");
            if (!entry.getValue().canConvertToLong() || entry.getValue().asLong() < 0) {
                return Mono.error(ApiException.badRequest("invalid", "lastSeq must be a number >= 0"));
            }
            wanted.put(id, entry.getValue().asLong());
        }
        return Flux.fromIterable(wanted.entrySet())
                .concatMap(entry -> follow(entry.getKey(), entry.getValue()))
                .then();
    }

    /**
     * Follows a conversation from {@code afterSeq}: subscribe to its channels first (confirmed by
     * Redis), then replay what is stored after {@code afterSeq}, then forward live deliveries,
     * dropping any seq already sent and filling any gap from storage.
     */
    Mono<Void> follow(UUID conversationId, long afterSeq) {
        if (followed.containsKey(conversationId)) {
            return Mono.empty();
        }
        List<String> channels = principal.isAgent()
                ? List.of(
                        DeliveryChannels.conversation(principal.tenantId(), conversationId),
                        DeliveryChannels.conversationAgents(principal.tenantId(), conversationId))
                : List.of(DeliveryChannels.conversation(principal.tenantId(), conversationId));
        return services.session()
                .checkAccess(principal, conversationId)
                .then(Flux.fromIterable(channels)
                        .flatMap(services.subscriber()::subscribe)
                        .collectList())
                .flatMap(subscriptions -> {
                    Followed state = new Followed(afterSeq);
                    if (followed.putIfAbsent(conversationId, state) != null) {
                        subscriptions.forEach(DeliverySubscriber.Subscription::close);
                        return Mono.empty();
                    }
                    Flux<Delivery> live = Flux.merge(subscriptions.stream()
                                    .map(DeliverySubscriber.Subscription::messages)
                                    .toList())
                            .map(Delivery::decode);
                    Flux<Delivery> missed = services.session().messagesAfter(principal, conversationId, afterSeq, 0);
                    lifetime.add(Flux.concat(missed, live)
                            .concatMap(delivery -> inOrder(conversationId, state, delivery))
                            .subscribe(
                                    unused -> {},
                                    failure -> emitError(
                                            "unavailable",
                                            "Lost track of a conversation; resume it",
                                            Map.of("conversationId", conversationId.toString()))));
                    // A visitor sees where they stand at once (their place, or who answers), not at the next change.
                    return principal.isAgent()
                            ? Mono.<Void>empty()
                            : services.routing()
                                    .standingFrame(principal, conversationId)
                                    .doOnNext(this::emit)
                                    .then();
                });
    }

    private Mono<Void> inOrder(UUID conversationId, Followed state, Delivery delivery) {
        if (!delivery.isMessage()) {
            if (!isOwnTyping(delivery.frame())) {
                emit(delivery.frame());
            }
            return Mono.empty();
        }
        long last = state.lastSent;
        if (delivery.seq() <= last) {
            return Mono.empty(); // already sent: replayed and live overlapped, or a retried delivery
        }
        if (delivery.seq() == last + 1) {
            state.lastSent = delivery.seq();
            emit(delivery.frame());
            return Mono.empty();
        }
        // A gap: Redis lost something (it may). Storage has it; send it first, then this one.
        return services.session()
                .messagesAfter(principal, conversationId, last, delivery.seq())
                .concatWith(Mono.just(delivery))
                .doOnNext(filled -> {
                    if (filled.seq() > state.lastSent) {
                        state.lastSent = filled.seq();
                        emit(filled.frame());
                    }
                })
                .then();
    }

    /** Deliveries on the principal's own channels (offers, assignments, queue, refusals). */
    private Mono<Void> onPersonalDelivery(Delivery delivery) {
        emit(delivery.frame());
        // An agent assigned a conversation follows it from here on, with its whole history.
        if (principal.isAgent() && delivery.frame().contains("\"conversation.assigned\"")) {
            UUID conversationId = services.frames().assignedConversationOf(delivery.frame());
            if (conversationId != null) {
                return follow(conversationId, 0).onErrorResume(failure -> Mono.empty());
            }
        }
        return Mono.empty();
    }

    private boolean isOwnTyping(String frame) {
        return frame.startsWith("{\"type\":\"typing\"") && frame.contains("\"id\":\"" + principal.id() + "\"");
    }

    // --- commands ---

    private Mono<Void> send(JsonNode frame) {
        UUID conversationId = uuid(frame.path("conversationId").asString(null), "conversationId");
        String clientMsgId = frame.path("clientMsgId").asString(null);
        if (clientMsgId == null || clientMsgId.isEmpty() || clientMsgId.length() > MAX_CLIENT_MSG_ID) {
            return Mono.error(ApiException.badRequest("invalid", "clientMsgId must have 1 to 64 characters"));
        }
        String text = frame.path("text").asString(null);
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            return Mono.error(ApiException.badRequest("invalid", "text must have 1 to " + MAX_TEXT + " characters"));
        }
        String visibility = frame.path("visibility").asString("all");
        Visibility scope;
        switch (visibility) {
            case "all" -> scope = Visibility.ALL;
            case "agents" -> {
                if (!principal.isAgent()) {
                    return Mono.error(ApiException.forbidden("Visitors cannot send agents-only messages"));
                }
                scope = Visibility.AGENTS;
            }
            default -> {
                return Mono.error(ApiException.badRequest("invalid", "visibility is all or agents"));
            }
        }
        var command =
                new SendMessage(conversationId, clientMsgId, senderKind(), principal.id(), scope, text, Instant.now());
        // Pipelined: the send is issued now, in frame order, and the socket's next frame is read
        // without waiting for Kafka's acknowledgement; the idempotent producer keeps the order. The
        // client learns its message was taken from the message frame with its seq, which exists
        // only once Kafka had the command and session-service stored it; a send Kafka refused is
        // answered with an error frame, and the client sends it again with the same clientMsgId.
        Map<String, String> ref = ref("message.send", frame);
        services.commands()
                .send(EventEnvelope.of(
                        EventTypes.SEND_MESSAGE, SOURCE, principal.tenantId(), conversationId.toString(), command))
                .subscribe(unused -> {}, failure -> emitError("unavailable", "Could not be handled now; retry", ref));
        return Mono.empty();
    }

    private Mono<Void> typing(JsonNode frame) {
        UUID conversationId = uuid(frame.path("conversationId").asString(null), "conversationId");
        if (!followed.containsKey(conversationId)) {
            return Mono.error(ApiException.forbidden("Resume the conversation first"));
        }
        boolean typing = frame.path("typing").asBoolean(false);
        String relay = services.frames().typing(conversationId, principal, typing);
        return services.publisher()
                .publish(DeliveryChannels.conversation(principal.tenantId(), conversationId), Delivery.ephemeral(relay))
                .then();
    }

    /**
     * How far this client got in a followed conversation. Only for one it follows: that is where
     * the messages it claims to have came from. session-service checks that the principal takes
     * part and keeps the marks; the command shares the conversation's key, so it is handled after
     * the messages it names.
     */
    private Mono<Void> receipt(JsonNode frame) {
        UUID conversationId = uuid(frame.path("conversationId").asString(null), "conversationId");
        Long delivered = seq(frame, "delivered");
        Long read = seq(frame, "read");
        if (delivered == null && read == null) {
            return Mono.error(ApiException.badRequest("invalid", "A receipt has delivered, read or both"));
        }
        // Not followed: answer as resume would (not_found, forbidden) before saying to resume first.
        Mono<Void> follows = followed.containsKey(conversationId)
                ? Mono.empty()
                : services.session()
                        .checkAccess(principal, conversationId)
                        .then(Mono.error(ApiException.forbidden("Resume the conversation first")));
        var command = new ReportReceipt(conversationId, senderKind(), principal.id(), delivered, read, Instant.now());
        return follows.then(services.commands()
                .send(EventEnvelope.of(
                        EventTypes.REPORT_RECEIPT, SOURCE, principal.tenantId(), conversationId.toString(), command)));
    }

    private Mono<Void> closeConversation(JsonNode frame) {
        UUID conversationId = uuid(frame.path("conversationId").asString(null), "conversationId");
        var command = new CloseConversation(conversationId, senderKind(), principal.id(), Instant.now());
        return services.commands()
                .send(EventEnvelope.of(
                        EventTypes.CLOSE_CONVERSATION,
                        SOURCE,
                        principal.tenantId(),
                        conversationId.toString(),
                        command));
    }

    private Mono<Void> setPresence(JsonNode frame) {
        String status = frame.path("status").asString("");
        presence = switch (status) {
            case "online" -> AgentPresenceChanged.Status.ONLINE;
            case "away" -> AgentPresenceChanged.Status.AWAY;
            case "offline" -> AgentPresenceChanged.Status.OFFLINE;
            default -> throw ApiException.badRequest("invalid", "status is online, away or offline");
        };
        return sendPresence();
    }

    /** Re-sent periodically while the socket lives: a node that dies says nothing, so silence means gone. */
    Mono<Void> heartbeat() {
        return presence == AgentPresenceChanged.Status.OFFLINE ? Mono.empty() : sendPresence();
    }

    private Mono<Void> sendPresence() {
        var changed = new AgentPresenceChanged(principal.id(), connectionId, presence, Instant.now());
        return services.commands()
                .send(EventEnvelope.of(
                        EventTypes.AGENT_PRESENCE_CHANGED,
                        SOURCE,
                        principal.tenantId(),
                        principal.tenantId().toString(),
                        changed));
    }

    private Mono<Void> routing(JsonNode frame, boolean accept) {
        UUID conversationId = uuid(frame.path("conversationId").asString(null), "conversationId");
        String key = principal.tenantId().toString();
        return accept
                ? services.commands()
                        .send(EventEnvelope.of(
                                EventTypes.ACCEPT_CONVERSATION,
                                SOURCE,
                                principal.tenantId(),
                                key,
                                new AcceptConversation(conversationId, principal.id(), Instant.now())))
                : services.commands()
                        .send(EventEnvelope.of(
                                EventTypes.DECLINE_CONVERSATION,
                                SOURCE,
                                principal.tenantId(),
                                key,
                                new DeclineConversation(conversationId, principal.id(), Instant.now())));
    }

    private Mono<Void> transfer(JsonNode frame) {
        UUID conversationId = uuid(frame.path("conversationId").asString(null), "conversationId");
        String toAgent = frame.path("toAgentId").asString(null);
        String toDepartment = frame.path("toDepartmentId").asString(null);
        if ((toAgent == null) == (toDepartment == null)) {
            return Mono.error(ApiException.badRequest("invalid", "Name toAgentId or toDepartmentId"));
        }
        var command = new TransferConversation(
                conversationId,
                principal.id(),
                toAgent == null ? null : uuid(toAgent, "toAgentId"),
                toDepartment == null ? null : uuid(toDepartment, "toDepartmentId"),
                Instant.now());
        return services.commands()
                .send(EventEnvelope.of(
                        EventTypes.TRANSFER_CONVERSATION,
                        SOURCE,
                        principal.tenantId(),
                        principal.tenantId().toString(),
                        command));
    }

    // --- helpers ---

    private ParticipantKind senderKind() {
        return principal.isAgent() ? ParticipantKind.AGENT : ParticipantKind.VISITOR;
    }

    private static UUID uuid(@Nullable String value, String field) {
        if (value == null) {
            throw ApiException.badRequest("invalid", field + " is required");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid", field + " is not an id");
        }
    }

    /** A seq field: absent (or null), or a whole number >= 0. */
    private static @Nullable Long seq(JsonNode frame, String field) {
        JsonNode value = frame.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw ApiException.badRequest("invalid", field + " must be a whole number >= 0");
        }
        return value.asLong();
    }

    private static Map<String, String> ref(String type, JsonNode frame) {
        Map<String, String> ref = new LinkedHashMap<>();
        ref.put("type", type);
        String clientMsgId = frame.path("clientMsgId").asString(null);
        if (clientMsgId != null && clientMsgId.length() <= MAX_CLIENT_MSG_ID) {
            ref.put("clientMsgId", clientMsgId);
        }
        return ref;
    }

    private @Nullable Map<String, String> refOf(String text) {
        try {
            JsonNode frame = services.json().readTree(text);
            String type = frame.path("type").asString(null);
            return type == null ? null : ref(type, frame);
        } catch (JacksonException e) {
            return null;
        }
    }

    private void emitError(String code, String message, @Nullable Map<String, String> ref) {
        emit(services.frames().error(code, message, ref));
    }

    /** Frames come from Redis threads and from the inbound handler: one at a time into the socket. */
    private synchronized void emit(String frame) {
        outbound.tryEmitNext(frame);
    }

    String connectionId() {
        return connectionId;
    }

    /** Tokens refill continuously; a frame takes one. */
    static final class TokenBucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(int perSecond, int burst) {
            this.perNano = perSecond / 1e9;
            this.capacity = burst;
            this.tokens = burst;
        }

        synchronized boolean tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
