package dev.parley.platform.web;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The permission matrix: what each console role may do, in one table that every service's
 * endpoints ask (through {@link Caller#may} and {@link #require}). Roles add up and do not imply
 * each other; a caller may do an action when any of their roles is in its row and, for a plan
 * feature's action, their plan has the feature. Visitors may do none of these (theirs are the
 * widget's endpoints, which check {@link Caller.Kind#VISITOR}). docs/protocol.md prints this table.
 *
 * <pre>
 * action            owner admin supervisor agent  plan feature
 * USE_CONSOLE         x     x       x        x    -   sign in; read colleagues, departments, sites, own canned responses
 * ANSWER_CHATS        x     x       x        x    -   take and answer chats, transfer, invite visitors, team chats
 * SUPERVISE           x     x       x        -    supervisor  watch, join and whisper into any chat; all queues
 * VIEW_REPORTS        x     x       x        -    reports
 * MANAGE_SETTINGS     x     x       -        -    -   sites, departments, widget, shared canned responses, mood terms
 * MANAGE_USERS        x     x       -        -    -   invite, edit, deactivate, delete users (not owners: see below)
 * MANAGE_OWNERS       x     -       -        -    -   make, unmake, edit, deactivate, delete an owner
 * BILLING             x     -       -        -    -   choose a plan, pay, invoices
 * </pre>
 */
public enum Permission {
    USE_CONSOLE(Roles.ALL, null),
    ANSWER_CHATS(Roles.ALL, null),
    SUPERVISE(List.of(Roles.OWNER, Roles.ADMIN, Roles.SUPERVISOR), Caller.SUPERVISOR_FEATURE),
    VIEW_REPORTS(List.of(Roles.OWNER, Roles.ADMIN, Roles.SUPERVISOR), "reports"),
    MANAGE_SETTINGS(List.of(Roles.OWNER, Roles.ADMIN), null),
    MANAGE_USERS(List.of(Roles.OWNER, Roles.ADMIN), null),
    MANAGE_OWNERS(List.of(Roles.OWNER), null),
    BILLING(List.of(Roles.OWNER), null);

    /** The role names, as tokens, headers and snapshots spell them. */
    public static final class Roles {
        public static final String OWNER = "owner";
        public static final String ADMIN = "admin";
        public static final String SUPERVISOR = "supervisor";
        public static final String AGENT = "agent";
        public static final List<String> ALL = List.of(OWNER, ADMIN, SUPERVISOR, AGENT);

        private Roles() {}
    }

    private final Set<String> roles;
    private final @Nullable String feature;

    Permission(List<String> roles, @Nullable String feature) {
        this.roles = Set.copyOf(roles);
        this.feature = feature;
    }

    /** The roles that grant it. */
    public Set<String> roles() {
        return roles;
    }

    /** The plan feature it also needs, or null. */
    public @Nullable String feature() {
        return feature;
    }

    /** Whether any of {@code held} grants it, the plan aside (for users in a tenant snapshot). */
    public boolean grantedBy(Collection<String> held) {
        return held.stream().anyMatch(roles::contains);
    }

    /** Whether the caller may: a console user with a granting role, on a plan with the feature. */
    public boolean allows(Caller caller) {
        return caller.kind() == Caller.Kind.AGENT
                && grantedBy(caller.roles())
                && (feature == null || caller.hasFeature(feature));
    }

    /** The caller when allowed, else 403 {@code forbidden}. */
    public Mono<Caller> require(Caller caller) {
        return allows(caller) ? Mono.just(caller) : Mono.error(ApiException.forbidden(refusal()));
    }

    private String refusal() {
        return switch (this) {
            case USE_CONSOLE, ANSWER_CHATS -> "Console users only";
            case SUPERVISE -> "Only a supervisor, admin or owner on a plan with the supervisor view may do this";
            case VIEW_REPORTS -> "Only a supervisor, admin or owner on a plan with reports may do this";
            case MANAGE_SETTINGS, MANAGE_USERS -> "Only an owner or admin may do this";
            case MANAGE_OWNERS -> "Only an owner may do this to an owner";
            case BILLING -> "Only an owner may do this";
        };
    }
}
