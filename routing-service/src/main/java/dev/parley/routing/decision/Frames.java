package dev.parley.routing.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server frames routing sends, written exactly as {@code docs/protocol.md} defines them. Its
 * own mapper, not the web layer's, so that a change of the service's JSON settings cannot change
 * the protocol; absent optional fields are left out, times are ISO-8601 strings.
 */
public final class Frames {

    private static final JsonMapper json = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private Frames() {}

    /** To the visitor: their place in the queue, on every change of it. */
    public static String queued(UUID conversationId, UUID departmentId, int position, long estimatedWaitSeconds) {
        return write(new Queued("conversation.queued", conversationId, departmentId, position, estimatedWaitSeconds));
    }

    /** To the visitor and to the agent: who now answers the conversation. */
    public static String assigned(UUID conversationId, UUID agentId, String agentName) {
        return write(new Assigned("conversation.assigned", conversationId, new AgentRef(agentId, agentName)));
    }

    /** To the visitor: nobody can take the chat now; it stays queued. */
    public static String unavailable(UUID conversationId, String reason) {
        return write(new Unavailable("conversation.unavailable", conversationId, reason));
    }

    /** To the agents of a department: the whole queue, on every change. */
    public static String queue(UUID departmentId, List<QueueEntry> entries) {
        return write(new Queue("queue", departmentId, entries));
    }

    /** To one agent: a chat is theirs if they accept before {@code expiresAt}. */
    public static String offer(UUID conversationId, UUID departmentId, String visitorName, Instant expiresAt) {
        return write(new Offer("offer", conversationId, departmentId, visitorName, expiresAt));
    }

    /** To one agent: an offer ended, or an accept came too late ({@code expired}, {@code taken}, {@code withdrawn}). */
    public static String offerRevoked(UUID conversationId, String reason) {
        return write(new OfferRevoked("offer.revoked", conversationId, reason));
    }

    /** To the agent whose command was refused, as the gateway answers a bad frame. */
    public static String error(String code, String message, String refType, UUID conversationId) {
        return write(new ErrorFrame("error", code, message, new ErrorRef(refType, conversationId)));
    }

    private static String write(Object frame) {
        return json.writeValueAsString(frame);
    }

    /** One waiting visitor as agents see them in a {@code queue} frame; {@code pageUrl} is left out when unknown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueueEntry(
            UUID conversationId,
            String visitorName,
            Instant waitingSince,
            int position,
            Map<String, String> answers,
            @Nullable String pageUrl) {}

    record Queued(String type, UUID conversationId, UUID departmentId, int position, long estimatedWaitSeconds) {}

    record AgentRef(UUID id, String name) {}

    record Assigned(String type, UUID conversationId, AgentRef agent) {}

    record Unavailable(String type, UUID conversationId, String reason) {}

    record Queue(String type, UUID departmentId, List<QueueEntry> entries) {}

    record Offer(String type, UUID conversationId, UUID departmentId, String visitorName, Instant expiresAt) {}

    record OfferRevoked(String type, UUID conversationId, String reason) {}

    record ErrorRef(String type, UUID conversationId) {}

    record ErrorFrame(String type, String code, String message, ErrorRef ref) {}
}
