package dev.parley.tenant.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A console user. Never carries the password hash: nothing that leaves this package needs it
 * except login, which reads it through its own lookup.
 *
 * @param roles some of {@link Roles#ALL}
 * @param departmentIds the departments whose chats the user takes
 * @param maxChats how many chats routing gives the user at once
 * @param deactivatedAt when an owner or admin deactivated them (they cannot sign in); null while active
 */
public record User(
        UUID id,
        String email,
        String displayName,
        List<String> roles,
        List<UUID> departmentIds,
        int maxChats,
        Instant createdAt,
        @Nullable Instant deactivatedAt) {

    public User {
        roles = List.copyOf(roles);
        departmentIds = List.copyOf(departmentIds);
    }

    public boolean isActive() {
        return deactivatedAt == null;
    }

    public boolean isOwner() {
        return roles.contains(Roles.OWNER);
    }
}
