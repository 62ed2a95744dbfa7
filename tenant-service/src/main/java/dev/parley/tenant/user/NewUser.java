package dev.parley.tenant.user;

import java.util.List;
import java.util.UUID;

/**
 * A user about to be stored: checked input, the password already hashed.
 *
 * @param emailVerified false for an owner who signed up and has not yet followed the e-mailed link;
 *     such a user cannot sign in
 */
public record NewUser(
        UUID id,
        String email,
        String displayName,
        String passwordHash,
        List<String> roles,
        List<UUID> departmentIds,
        int maxChats,
        boolean emailVerified) {

    /** Routing's default capacity for a new agent. */
    public static final int DEFAULT_MAX_CHATS = 3;

    public NewUser {
        roles = List.copyOf(roles);
        departmentIds = List.copyOf(departmentIds);
    }
}
