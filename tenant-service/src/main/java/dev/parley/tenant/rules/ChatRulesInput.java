package dev.parley.tenant.rules;

import dev.parley.tenant.Input;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the chat rules the console sent: every field must be present (null for "the default"), so
 * that a forgotten one does not silently reset a rule; 400 {@code invalid} naming the field.
 */
public final class ChatRulesInput {

    private ChatRulesInput() {}

    public static ChatRules parse(JsonNode body) {
        if (!body.isObject()) {
            throw Input.invalid("The body must be a JSON object with maxChatsPerAgent, acceptTimeoutSeconds and"
                    + " autoCloseMinutes");
        }
        return new ChatRules(
                integer(body.path("maxChatsPerAgent"), "maxChatsPerAgent", 1, 50),
                integer(body.path("acceptTimeoutSeconds"), "acceptTimeoutSeconds", 5, 600),
                integer(body.path("autoCloseMinutes"), "autoCloseMinutes", 1, 1440));
    }

    private static @Nullable Integer integer(JsonNode node, String field, int min, int max) {
        if (node.isMissingNode()) {
            throw Input.invalid(field + " is required: null for the default");
        }
        if (node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw Input.invalid(field + " must be a whole number from " + min + " to " + max + ", or null");
        }
        return node.intValue();
    }
}
