package dev.parley.tenant.user;

import dev.parley.tenant.Input;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The roles a console user can hold; they add up, they do not imply each other (an owner who
 * takes chats is also an agent).
 *
 * <ul>
 *   <li>{@code owner}: the tenant's account; may make other owners
 *   <li>{@code admin}: configures the tenant (users, sites, departments)
 *   <li>{@code supervisor}: watches and joins any chat of the tenant
 *   <li>{@code agent}: takes chats
 * </ul>
 */
public final class Roles {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String SUPERVISOR = "supervisor";
    public static final String AGENT = "agent";

    /** In this order in every answer, token and snapshot. */
    public static final List<String> ALL = List.of(OWNER, ADMIN, SUPERVISOR, AGENT);

    private Roles() {}

    /** The roles de-duplicated in {@link #ALL}'s order, or 400 when none or an unknown one is given. */
    public static List<String> parse(String field, @Nullable List<String> values) {
        List<String> given = Input.list(field, values, ALL.size() * 2).stream()
                .map(role -> role.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (given.isEmpty()) {
            throw Input.invalid(field + " must name at least one of " + String.join(", ", ALL));
        }
        for (String role : given) {
            if (!ALL.contains(role)) {
                throw Input.invalid(field + " may hold only " + String.join(", ", ALL) + ", not " + role);
            }
        }
        return ALL.stream().filter(given::contains).toList();
    }
}
