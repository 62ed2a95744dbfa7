package dev.parley.routing.queue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A visitor's pre-chat answers as stored: a JSON array of {@code [field, answer]} pairs, because
 * a jsonb object would reorder its keys and agents should read the answers in the survey's order.
 */
public final class Answers {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final TypeReference<List<List<String>>> PAIRS = new TypeReference<>() {};

    /** The survey field whose answer names the visitor in queues and offers. */
    private static final String NAME_FIELD = "name";

    private static final String ANONYMOUS = "Visitor";

    private Answers() {}

    public static String toJson(Map<String, String> answers) {
        return json.writeValueAsString(answers.entrySet().stream()
                .map(answer -> List.of(answer.getKey(), answer.getValue()))
                .toList());
    }

    public static Map<String, String> fromJson(String stored) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (List<String> pair : json.readValue(stored, PAIRS)) {
            if (pair.size() == 2) {
                answers.put(pair.get(0), pair.get(1));
            }
        }
        return Collections.unmodifiableMap(answers);
    }

    /** The name the visitor gave in the survey, or a neutral one. */
    public static String visitorName(Map<String, String> answers) {
        String name = answers.get(NAME_FIELD);
        return name == null || name.isBlank() ? ANONYMOUS : name.strip();
    }
}
