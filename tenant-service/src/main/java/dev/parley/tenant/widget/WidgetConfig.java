package dev.parley.tenant.widget;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a site's widget looks and behaves, as its owner configured it. Stored as JSON, and read by
 * the widget with the names given here, so a rename is a protocol change. Valid by construction
 * only through {@link WidgetConfigInput#parse}; the records themselves only keep shapes.
 *
 * @param hours when agents answer; {@code null}: always open
 */
public record WidgetConfig(
        Look look,
        List<SurveyField> survey,
        List<Invitation> invitations,
        @Nullable Hours hours,
        Offline offline) {

    /** The days of {@link Hours#week}, in the order they are written out. */
    public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    static final String DEFAULT_OFFLINE = "We're away right now. Leave a message and we'll email you.";

    public WidgetConfig {
        survey = List.copyOf(survey);
        invitations = List.copyOf(invitations);
    }

    /**
     * What a site has until its owner saves a configuration: a blue launcher on the right, the
     * business's name as the title, name and email asked before the chat, always open.
     */
    public static WidgetConfig byDefault(String businessName) {
        String title = businessName.length() > WidgetConfigInput.TITLE_MAX
                ? businessName.substring(0, WidgetConfigInput.TITLE_MAX).strip()
                : businessName;
        return new WidgetConfig(
                new Look("Chat with us", "#2563eb", "right", "chat", null, title, "Hi! How can we help?"),
                List.of(
                        new SurveyField("name", "Your name", "text", true, null),
                        new SurveyField("email", "Email", "email", false, null)),
                List.of(),
                null,
                new Offline(DEFAULT_OFFLINE));
    }

    /**
     * The launcher and the panel's header.
     *
     * @param position {@code right} or {@code left}: the corner of the page
     * @param icon {@code chat}, {@code help} or {@code none}
     * @param imageUrl an https image shown in the header (a logo or an agent's photo), or none
     */
    public record Look(
            String label,
            String color,
            String position,
            String icon,
            @Nullable String imageUrl,
            String title,
            String greeting) {}

    /**
     * One question of the pre-chat survey; its answer reaches the agent under {@code name}.
     *
     * @param type {@code text}, {@code email}, {@code tel}, {@code textarea}, {@code select}, or {@code
     *     department}: a choice of the tenant's departments (at most one such field), whose answer is the
     *     chosen department's name and which sends the chat to that department
     * @param options the choices of a {@code select}; absent for the other types
     */
    public record SurveyField(
            String name,
            String label,
            String type,
            boolean required,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            List<String> options) {

        public SurveyField {
            options = options == null ? null : List.copyOf(options);
        }
    }

    /**
     * A proactive invitation: after {@code afterSeconds} on a page whose path matches
     * {@code urlPattern} ({@code *} matches any characters), the widget opens with {@code message}.
     */
    public record Invitation(String id, int afterSeconds, String urlPattern, String message) {}

    /**
     * Opening hours in the business's time zone.
     *
     * @param timeZone an IANA zone id such as {@code Europe/London}
     * @param week by day ({@link #DAYS}); a day absent or empty is closed
     */
    public record Hours(String timeZone, Map<String, List<Interval>> week) {

        public Hours {
            // Stored as jsonb, which orders keys its own way: give them back in the week's order.
            Map<String, List<Interval>> ordered = new LinkedHashMap<>();
            for (String day : DAYS) {
                List<Interval> intervals = week.get(day);
                if (intervals != null) {
                    ordered.put(day, List.copyOf(intervals));
                }
            }
            week = Collections.unmodifiableMap(ordered);
        }
    }

    /** Open from {@code from} until {@code to}, both {@code HH:mm}, {@code from} before {@code to}. */
    public record Interval(String from, String to) {}

    /** What the widget shows when nobody can answer (outside hours, or no agent online). */
    public record Offline(String message) {}
}
