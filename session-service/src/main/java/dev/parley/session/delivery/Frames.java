package dev.parley.session.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The server frames session-service produces, exactly as docs/protocol.md shows them to clients. */
public final class Frames {

    private Frames() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sender(
            String kind, @Nullable UUID id, @Nullable String name) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(
            String type,
            UUID conversationId,
            long seq,
            UUID messageId,
            @Nullable String clientMsgId,
            Sender sender,
            String visibility,
            String text,
            Instant postedAt) {

        public Message(
                UUID conversationId,
                long seq,
                UUID messageId,
                @Nullable String clientMsgId,
                Sender sender,
                String visibility,
                String text,
                Instant postedAt) {
            this("message", conversationId, seq, messageId, clientMsgId, sender, visibility, text, postedAt);
        }

        public boolean agentsOnly() {
            return visibility.equals("agents");
        }
    }

    public record Closed(String type, UUID conversationId, String closedBy) {
        public Closed(UUID conversationId, String closedBy) {
            this("conversation.closed", conversationId, closedBy);
        }
    }

    /** A side's delivered and read marks moved; {@code by} is {@code visitor} or {@code agent}. */
    public record Receipt(String type, UUID conversationId, String by, long delivered, long read) {
        public Receipt(UUID conversationId, String by, long delivered, long read) {
            this("receipt", conversationId, by, delivered, read);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(
            String type,
            String code,
            String message,
            @Nullable Map<String, String> ref) {
        public Error(String code, String message, @Nullable Map<String, String> ref) {
            this("error", code, message, ref);
        }
    }

    /** An agent invites a visitor browsing the site to chat; to the visitor's sockets. */
    public record Invitation(String type, UUID id, String message, Agent agent) {
        public Invitation(UUID id, String message, Agent agent) {
            this("invitation", id, message, agent);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Agent(UUID id, @Nullable String name) {}

    /** An agent was invited into a visitor's chat ({@code by} invited them); to the invitee's own channel. */
    public record Invited(
            String type, UUID conversationId, @Nullable String visitorName, Agent by) {
        public Invited(UUID conversationId, @Nullable String visitorName, Agent by) {
            this("conversation.invited", conversationId, visitorName, by);
        }
    }

    /**
     * A message was stored in an internal chat: to each other member's own channel, so that a
     * console not following the chat yet learns of it (and resumes it to get the message itself).
     */
    public record InternalMessage(String type, UUID conversationId, long seq, Agent sender, String text) {
        public InternalMessage(UUID conversationId, long seq, Agent sender, String text) {
            this("internal.message", conversationId, seq, sender, text);
        }
    }

    /**
     * A visitor message moved the conversation's mood; to its agents only, never the visitor.
     *
     * @param seq the scored message's
     * @param score the message's score, -10..+10
     * @param mood the running mood after it, two decimals
     * @param trend the last (up to 10) message scores, oldest first
     */
    public record Mood(
            String type, UUID conversationId, long seq, int score, double mood, String label, List<Integer> trend) {
        public Mood(UUID conversationId, long seq, int score, double mood, String label, List<Integer> trend) {
            this("mood", conversationId, seq, score, mood, label, trend);
        }
    }

    /** A chat just turned negative; to every supervisor of the tenant. {@code agentId} is null while nobody has it. */
    public record MoodAlert(
            String type,
            UUID conversationId,
            @Nullable String visitorName,
            @Nullable UUID agentId,
            @Nullable UUID departmentId,
            double mood,
            String label,
            String text) {
        public MoodAlert(
                UUID conversationId,
                @Nullable String visitorName,
                @Nullable UUID agentId,
                @Nullable UUID departmentId,
                double mood,
                String label,
                String text) {
            this("mood.alert", conversationId, visitorName, agentId, departmentId, mood, label, text);
        }
    }
}
