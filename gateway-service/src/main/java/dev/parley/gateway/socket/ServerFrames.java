package dev.parley.gateway.socket;

import dev.parley.gateway.auth.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The frames the gateway itself writes (docs/protocol.md). */
@Component
class ServerFrames {

    private final JsonMapper json;

    ServerFrames(JsonMapper json) {
        this.json = json;
    }

    String welcome(Principal principal, String connectionId) {
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("kind", principal.kind().name().toLowerCase(Locale.ROOT));
        who.put("id", principal.id());
        if (!principal.name().isEmpty()) {
            who.put("name", principal.name());
        }
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "welcome");
        frame.put("protocol", 1);
        frame.put("principal", who);
        frame.put("connectionId", connectionId);
        return write(frame);
    }

    String pong() {
        return "{\"type\":\"pong\"}";
    }

    String typing(UUID conversationId, Principal principal, boolean typing) {
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("kind", principal.kind().name().toLowerCase(Locale.ROOT));
        sender.put("id", principal.id());
        if (!principal.name().isEmpty()) {
            sender.put("name", principal.name());
        }
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "typing"); // first: the gateway recognises typing frames by their start
        frame.put("conversationId", conversationId);
        frame.put("sender", sender);
        frame.put("typing", typing);
        return write(frame);
    }

    String error(String code, String message, @Nullable Map<String, String> ref) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("code", code);
        frame.put("message", message);
        if (ref != null) {
            frame.put("ref", ref);
        }
        return write(frame);
    }

    /** The conversation of a {@code conversation.assigned} frame, or null for any other frame. */
    @Nullable
    UUID assignedConversationOf(String frame) {
        try {
            var node = json.readTree(frame);
            if (!"conversation.assigned".equals(node.path("type").asString(null))) {
                return null;
            }
            String id = node.path("conversationId").asString(null);
            return id == null ? null : UUID.fromString(id);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    private String write(Object frame) {
        return json.writeValueAsString(frame);
    }
}
