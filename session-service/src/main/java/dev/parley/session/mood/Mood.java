package dev.parley.session.mood;

import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A conversation's running mood, as agents see it: an exponentially weighted average of its
 * visitor messages' scores ({@value #ALPHA} on the latest, so one strongly negative message turns
 * a neutral chat negative), its label, and the last {@value #TREND} scores, oldest first.
 *
 * @param mood the running value, rounded to two decimals (what is stored is what agents see)
 * @param label {@code negative} (at most {@value #NEGATIVE_AT}), {@code positive} (at least
 *     {@value #POSITIVE_AT}) or {@code neutral}
 */
public record Mood(double mood, String label, List<Integer> trend) {

    public static final String NEGATIVE = "negative";
    public static final String NEUTRAL = "neutral";
    public static final String POSITIVE = "positive";

    /** A conversation before its visitor wrote anything that scored. */
    public static final Mood START = new Mood(0, NEUTRAL, List.of());

    static final double ALPHA = 0.5;
    static final double NEGATIVE_AT = -1.5;
    static final double POSITIVE_AT = 1.5;
    static final int TREND = 10;

    public Mood {
        Objects.requireNonNull(label, "label");
        trend = List.copyOf(trend);
    }

    /** The mood after a visitor message with {@code score}. */
    public Mood after(int score) {
        double next = twoDecimals(ALPHA * score + (1 - ALPHA) * mood);
        List<Integer> scores = new ArrayList<>(TREND);
        scores.addAll(trend.size() >= TREND ? trend.subList(trend.size() - TREND + 1, trend.size()) : trend);
        scores.add(score);
        return new Mood(next, labelOf(next), scores);
    }

    /** Half away from zero, so that a negative mood rounds as its positive mirror does. */
    private static double twoDecimals(double value) {
        return Math.copySign(Math.round(Math.abs(value) * 100) / 100.0, value) + 0.0; // + 0.0: never -0.0
    }

    static String labelOf(double mood) {
        return mood <= NEGATIVE_AT ? NEGATIVE : mood >= POSITIVE_AT ? POSITIVE : NEUTRAL;
    }

    /** Reads the {@code mood}, {@code mood_label} and {@code mood_trend} columns of a conversation row. */
    public static Mood of(Readable row) {
        Double mood = row.get("mood", Double.class);
        String label = row.get("mood_label", String.class);
        Short[] trend = row.get("mood_trend", Short[].class);
        return new Mood(
                mood == null ? 0 : mood,
                label == null ? NEUTRAL : label,
                trend == null
                        ? List.of()
                        : Arrays.stream(trend).map(Short::intValue).toList());
    }

    /** The trend as a Postgres array literal, for statements that write many conversations at once. */
    public String trendLiteral() {
        return trend.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    /** The trend as the {@code mood_trend} column takes it. */
    public Short[] trendColumn() {
        return trend.stream().map(Integer::shortValue).toArray(Short[]::new);
    }
}
