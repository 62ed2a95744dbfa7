package dev.parley.tenant.department;

import dev.parley.tenant.widget.WidgetConfig.Hours;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A queue of chats with its agents.
 *
 * @param hours when the department answers, in its own time zone; {@code null}: always
 */
public record Department(
        UUID id,
        String name,
        RoutingMode routingMode,
        @Nullable Hours hours) {

    public static Department create(String name, RoutingMode routingMode) {
        return new Department(UUID.randomUUID(), name, routingMode, null);
    }
}
