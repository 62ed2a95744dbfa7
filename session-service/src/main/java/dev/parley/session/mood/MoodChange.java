package dev.parley.session.mood;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A visitor message was scored and its conversation's mood moved: what the frames after commit
 * need to tell agents, and supervisors when the chat turned negative.
 *
 * @param text the message as stored (card numbers masked)
 */
public record MoodChange(
        UUID conversationId,
        long seq,
        int score,
        Mood before,
        Mood after,
        @Nullable String visitorName,
        @Nullable UUID agentId,
        @Nullable UUID departmentId,
        String text) {

    /** The chat is negative now and was not before this message: supervisors are alerted once per turn. */
    public boolean turnedNegative() {
        return after.label().equals(Mood.NEGATIVE) && !before.label().equals(Mood.NEGATIVE);
    }
}
