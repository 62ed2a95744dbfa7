package dev.parley.tenant.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A console user. Never carries the password hash: nothing that leaves this package needs it
 * except login, which reads it through its own lookup.
 *
 * @param roles some of {@link Roles#ALL}
 * @param departmentIds the departments whose chats the user takes
 * @param maxChats how many chats routing gives the user at once
 */
public record User(
        UUID id,
        String email,
        String displayName,
        List<String> roles,
        List<UUID> departmentIds,
        int maxChats,
        Instant createdAt) {

    public User {
        roles = List.copyOf(roles);
        departmentIds = List.copyOf(departmentIds);
    }
}
