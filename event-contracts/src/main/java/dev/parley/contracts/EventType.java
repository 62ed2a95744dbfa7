package dev.parley.contracts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One event type: its name is the contract ({@code ce_type}), its data class the record the body binds to,
 * its topic where it is published.
 *
 * <p>Names read {@code <domain>.<entity>.<past-tense verb>.v<N>}. Adding an optional field keeps a name;
 * a breaking change is a new {@code .v<N+1>} type, published side by side with the old one until every
 * reader moved.
 */
public record EventType<T>(String name, Class<T> dataClass, String topic) {

    private static final Pattern NAME = Pattern.compile("^[a-z]+(\\.[a-z]+)+\\.v[0-9]+$");

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(topic, "topic");
        // Checked here too, not only in tests, so that a bad name fails the first service that loads it.
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Event type name '" + name + "' does not match " + NAME);
        }
        if (!Topics.all().contains(topic)) {
            throw new IllegalArgumentException("Event type " + name + " names unknown topic '" + topic + "'");
        }
    }
}
