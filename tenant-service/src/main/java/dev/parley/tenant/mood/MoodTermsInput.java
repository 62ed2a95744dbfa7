package dev.parley.tenant.mood;

import dev.parley.tenant.Input;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the list of mood terms the console sent, field by field, so that every refusal is a 400
 * {@code invalid} naming the field ({@code terms[3].weight}), a wrong type included. A term is
 * trimmed, lower-cased and its inner whitespace collapsed, because the scorer compares lower-case
 * words: "Not  Working" and "not working" are the same term, and sending both is a duplicate.
 */
public final class MoodTermsInput {

    public static final int TERMS_MAX = 500;
    public static final int TERM_MAX = 60;
    public static final int WEIGHT_MAX = 5;

    /** Words of letters, an apostrophe allowed inside one ("don't"), one space between words. */
    private static final Pattern TERM = Pattern.compile("\\p{L}+(?:'\\p{L}+)*(?: \\p{L}+(?:'\\p{L}+)*)*");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private MoodTermsInput() {}

    /** The terms in {@code body} ({@code {"terms":[{"term","weight"}…]}}), or 400 naming the first wrong field. */
    public static List<MoodTerm> parse(JsonNode body) {
        if (!body.isObject()) {
            throw Input.invalid("The body must be a JSON object with terms");
        }
        JsonNode terms = body.path("terms");
        if (terms.isMissingNode() || terms.isNull()) {
            throw Input.invalid("terms is required");
        }
        if (!terms.isArray()) {
            throw Input.invalid("terms must be a list");
        }
        if (terms.size() > TERMS_MAX) {
            throw Input.invalid("terms must have at most " + TERMS_MAX + " items");
        }
        List<MoodTerm> parsed = new ArrayList<>(terms.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            String at = "terms[" + i + "]";
            JsonNode item = terms.path(i);
            if (!item.isObject()) {
                throw Input.invalid(at + " must be an object with term and weight");
            }
            String term = term(item.path("term"), at + ".term");
            Integer earlier = seen.putIfAbsent(term, i);
            if (earlier != null) {
                throw Input.invalid(at + ".term repeats terms[" + earlier + "].term");
            }
            parsed.add(new MoodTerm(term, weight(item.path("weight"), at + ".weight")));
        }
        return parsed;
    }

    private static String term(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            throw Input.invalid(field + " is required");
        }
        if (!node.isString()) {
            throw Input.invalid(field + " must be a string");
        }
        String term = SPACES.matcher(node.stringValue().strip())
                .replaceAll(" ")
                .replace('\u2019', '\'')
                .toLowerCase(Locale.ROOT);
        if (term.isEmpty()) {
            throw Input.invalid(field + " must not be empty");
        }
        if (term.length() > TERM_MAX) {
            throw Input.invalid(field + " must be at most " + TERM_MAX + " characters");
        }
        if (!TERM.matcher(term).matches()) {
            throw Input.invalid(field + " must be a word or phrase of letters");
        }
        return term;
    }

    private static int weight(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            throw Input.invalid(field + " is required");
        }
        if (!node.isIntegralNumber()
                || !node.canConvertToInt()
                || Math.abs(node.intValue()) > WEIGHT_MAX
                || node.intValue() == 0) {
            throw Input.invalid(
                    field + " must be a whole number from -" + WEIGHT_MAX + " to " + WEIGHT_MAX + ", not 0");
        }
        return node.intValue();
    }
}
