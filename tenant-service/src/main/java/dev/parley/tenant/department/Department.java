package dev.parley.tenant.department;

import java.util.UUID;

/** A queue of chats with its agents. */
public record Department(UUID id, String name, RoutingMode routingMode) {

    public static Department create(String name, RoutingMode routingMode) {
        return new Department(UUID.randomUUID(), name, routingMode);
    }
}
