package dev.parley.tenant.widget;

import dev.parley.tenant.Input;
import dev.parley.tenant.widget.WidgetConfig.Hours;
import dev.parley.tenant.widget.WidgetConfig.Interval;
import dev.parley.tenant.widget.WidgetConfig.Invitation;
import dev.parley.tenant.widget.WidgetConfig.Look;
import dev.parley.tenant.widget.WidgetConfig.Offline;
import dev.parley.tenant.widget.WidgetConfig.SurveyField;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a widget configuration the console sent, field by field, so that every refusal is a 400
 * {@code invalid} naming the field ({@code survey[2].options}, {@code hours.week.mon[0].to}) — a
 * wrong type included, which a data-binding failure would only report as an unreadable body.
 * Every part of the shape must be present: the console sends the whole object, and a forgotten
 * survey must not silently replace the one the owner set up. Texts are trimmed.
 */
public final class WidgetConfigInput {

    static final int LABEL_MAX = 40;
    static final int TITLE_MAX = 60;
    static final int GREETING_MAX = 200;
    static final int IMAGE_URL_MAX = 500;
    static final int FIELDS_MAX = 10;
    static final int FIELD_LABEL_MAX = 80;
    static final int OPTIONS_MAX = 20;
    static final int OPTION_MAX = 80;
    static final int INVITATIONS_MAX = 10;
    static final int AFTER_SECONDS_MAX = 3600;
    static final int URL_PATTERN_MAX = 200;
    static final int INVITATION_MESSAGE_MAX = 200;
    static final int OFFLINE_MESSAGE_MAX = 300;

    /** More opening intervals in one day than a split shift needs is more likely a mistake. */
    static final int INTERVALS_MAX = 10;

    /** The longest IANA zone id is about 30 characters. */
    private static final int TIME_ZONE_MAX = 64;

    private static final Pattern COLOR = Pattern.compile("#(\\p{XDigit}{3}|\\p{XDigit}{6})");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern INVITATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private static final List<String> POSITIONS = List.of("right", "left");
    private static final List<String> ICONS = List.of("chat", "help", "none");
    private static final List<String> FIELD_TYPES = List.of("text", "email", "tel", "textarea", "select", "department");

    private WidgetConfigInput() {}

    /** The configuration in {@code body}, or 400 {@code invalid} naming the first field that is wrong. */
    public static WidgetConfig parse(JsonNode body) {
        if (!body.isObject()) {
            throw Input.invalid("The body must be a JSON object with look, survey, invitations, hours and offline");
        }
        return new WidgetConfig(
                look(object(body.path("look"), "look")),
                survey(array(body.path("survey"), "survey", FIELDS_MAX)),
                invitations(array(body.path("invitations"), "invitations", INVITATIONS_MAX)),
                hours(body.path("hours")),
                new Offline(text(
                        object(body.path("offline"), "offline").path("message"),
                        "offline.message",
                        0,
                        OFFLINE_MESSAGE_MAX)));
    }

    private static Look look(JsonNode look) {
        String color = string(look.path("color"), "look.color");
        if (!COLOR.matcher(color).matches()) {
            throw Input.invalid("look.color must be a colour #rgb or #rrggbb");
        }
        return new Look(
                text(look.path("label"), "look.label", 1, LABEL_MAX),
                color.toLowerCase(Locale.ROOT),
                oneOf(look.path("position"), "look.position", POSITIONS),
                oneOf(look.path("icon"), "look.icon", ICONS),
                imageUrl(look.path("imageUrl")),
                text(look.path("title"), "look.title", 1, TITLE_MAX),
                text(look.path("greeting"), "look.greeting", 0, GREETING_MAX));
    }

    private static @Nullable String imageUrl(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        String field = "look.imageUrl";
        String url = text(node, field, 1, IMAGE_URL_MAX);
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw Input.invalid(field + " must be an https URL, or null");
            }
            return url;
        } catch (URISyntaxException e) {
            throw Input.invalid(field + " must be an https URL, or null");
        }
    }

    private static List<SurveyField> survey(JsonNode fields) {
        List<SurveyField> survey = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String at = "survey[" + i + "]";
            JsonNode field = object(fields.path(i), at);
            String name = string(field.path("name"), at + ".name");
            if (!FIELD_NAME.matcher(name).matches()) {
                throw Input.invalid(at + ".name must be a lower-case letter followed by at most 31 lower-case"
                        + " letters, digits or _");
            }
            if (!names.add(name)) {
                throw Input.invalid(at + ".name '" + name + "' is already the name of another field");
            }
            String type = oneOf(field.path("type"), at + ".type", FIELD_TYPES);
            if (type.equals("department")
                    && survey.stream().anyMatch(f -> f.type().equals("department"))) {
                // One chat goes to one department: a second chooser could only contradict the first.
                throw Input.invalid(at + ".type department is already the type of another field");
            }
            survey.add(new SurveyField(
                    name,
                    text(field.path("label"), at + ".label", 1, FIELD_LABEL_MAX),
                    type,
                    flag(field.path("required"), at + ".required"),
                    options(field.path("options"), at + ".options", type)));
        }
        return survey;
    }

    private static @Nullable List<String> options(JsonNode node, String field, String type) {
        if (!type.equals("select")) {
            if (!absent(node)) {
                throw Input.invalid(field + " is only for fields of type select");
            }
            return null;
        }
        JsonNode given = array(node, field, OPTIONS_MAX);
        if (given.isEmpty()) {
            throw Input.invalid(field + " must have at least one option");
        }
        List<String> options = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            options.add(text(given.path(i), field + "[" + i + "]", 1, OPTION_MAX));
        }
        return options;
    }

    private static List<Invitation> invitations(JsonNode given) {
        List<Invitation> invitations = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String at = "invitations[" + i + "]";
            JsonNode invitation = object(given.path(i), at);
            String id = string(invitation.path("id"), at + ".id");
            if (!INVITATION_ID.matcher(id).matches()) {
                throw Input.invalid(at + ".id must be 1 to 32 letters, digits, _ or -");
            }
            if (!ids.add(id)) {
                throw Input.invalid(at + ".id '" + id + "' is already the id of another invitation");
            }
            invitations.add(new Invitation(
                    id,
                    integer(invitation.path("afterSeconds"), at + ".afterSeconds", 0, AFTER_SECONDS_MAX),
                    text(invitation.path("urlPattern"), at + ".urlPattern", 1, URL_PATTERN_MAX),
                    text(invitation.path("message"), at + ".message", 1, INVITATION_MESSAGE_MAX)));
        }
        return invitations;
    }

    private static @Nullable Hours hours(JsonNode node) {
        if (node.isMissingNode()) {
            throw Input.invalid("hours is required: null when always open");
        }
        return hours(node, "hours");
    }

    /**
     * Opening hours sent as {@code field} ({@code {"timeZone", "week"}}), or {@code null} when the node
     * is absent or null (always open); 400 {@code invalid} naming the part that is wrong. Shared with
     * departments, whose hours have the same shape.
     */
    public static @Nullable Hours hours(JsonNode node, String field) {
        if (absent(node)) {
            return null;
        }
        JsonNode hours = object(node, field);
        String zone = text(hours.path("timeZone"), field + ".timeZone", 1, TIME_ZONE_MAX);
        try {
            zone = ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw Input.invalid(field + ".timeZone must be a time zone such as Europe/London");
        }
        Map<String, List<Interval>> week = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> day :
                object(hours.path("week"), field + ".week").properties()) {
            String at = field + ".week." + day.getKey();
            if (!WidgetConfig.DAYS.contains(day.getKey())) {
                throw Input.invalid(at + " is not a day: the days are " + String.join(", ", WidgetConfig.DAYS));
            }
            week.put(day.getKey(), absent(day.getValue()) ? List.of() : intervals(day.getValue(), at));
        }
        return new Hours(zone, week);
    }

    private static List<Interval> intervals(JsonNode node, String field) {
        JsonNode given = array(node, field, INTERVALS_MAX);
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode interval = object(given.path(i), at);
            String from = time(interval.path("from"), at + ".from");
            String to = time(interval.path("to"), at + ".to");
            if (from.compareTo(to) >= 0) {
                throw Input.invalid(at + ".from must be before " + at + ".to");
            }
            intervals.add(new Interval(from, to));
        }
        return intervals;
    }

    private static String time(JsonNode node, String field) {
        String time = string(node, field);
        if (!TIME.matcher(time).matches()) {
            throw Input.invalid(field + " must be a time HH:mm, 00:00 to 23:59");
        }
        return time;
    }

    // --- the JSON shapes

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static JsonNode object(JsonNode node, String field) {
        if (absent(node)) {
            throw Input.invalid(field + " is required");
        }
        if (!node.isObject()) {
            throw Input.invalid(field + " must be an object");
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String field, int max) {
        if (absent(node)) {
            throw Input.invalid(field + " is required");
        }
        if (!node.isArray()) {
            throw Input.invalid(field + " must be a list");
        }
        if (node.size() > max) {
            throw Input.invalid(field + " must have at most " + max + " items");
        }
        return node;
    }

    /** The string as sent, untrimmed: for names and codes, which must match exactly. */
    private static String string(JsonNode node, String field) {
        if (absent(node)) {
            throw Input.invalid(field + " is required");
        }
        if (!node.isString()) {
            throw Input.invalid(field + " must be a string");
        }
        return node.stringValue();
    }

    /** The string trimmed, {@code min} to {@code max} characters (min 0: may be empty, not absent). */
    private static String text(JsonNode node, String field, int min, int max) {
        String text = string(node, field).strip();
        if (text.length() < min) {
            throw Input.invalid(field + " must not be empty");
        }
        if (text.length() > max) {
            throw Input.invalid(field + " must be at most " + max + " characters");
        }
        return text;
    }

    private static String oneOf(JsonNode node, String field, List<String> allowed) {
        String value = string(node, field);
        if (!allowed.contains(value)) {
            throw Input.invalid(field + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** False when absent: a survey field is optional unless marked required. */
    private static boolean flag(JsonNode node, String field) {
        if (absent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw Input.invalid(field + " must be true or false");
        }
        return node.booleanValue();
    }

    private static int integer(JsonNode node, String field, int min, int max) {
        if (absent(node)) {
            throw Input.invalid(field + " is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw Input.invalid(field + " must be a whole number from " + min + " to " + max);
        }
        return node.intValue();
    }
}
