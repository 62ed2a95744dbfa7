package dev.parley.contracts.tenant;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The whole state of a tenant that other services cache, published on every change. A snapshot rather than
 * a delta: the topic is compacted, so only the latest per tenant survives and a reader that starts late
 * still gets everything it needs. A deleted tenant ends with a tombstone (a record without a value).
 *
 * @param revision grows by one with each change, so a cache can ignore a snapshot older than what it holds
 * @param plan the plan's code, e.g. {@code team}; a string so that a new plan needs no contract change
 * @param moodTerms the tenant's own key terms for chat mood, added to (or replacing) the default lexicon; absent
 *     in snapshots written before they existed, which read as none
 * @param agents the users who may sign in now; a deactivated or deleted user is not among them
 * @param formerAgents deactivated and deleted users, by id and name only, so that history naming them by id
 *     still shows who they were; absent in snapshots written before it existed, which read as none
 * @param rules the tenant's chat rules (capacity, accept timeout, auto-close); absent in snapshots written before
 *     they existed, which read as {@link ChatRules#DEFAULTS}: every service's own configured defaults
 * @param updatedAt when this revision was made
 */
public record TenantUpdated(
        UUID tenantId,
        long revision,
        String name,
        String plan,
        Status status,
        List<Site> sites,
        List<Department> departments,
        List<Agent> agents,
        List<MoodTerm> moodTerms,
        List<FormerAgent> formerAgents,
        @Nullable ChatRules rules,
        Instant updatedAt) {

    public TenantUpdated {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
        sites = List.copyOf(sites);
        departments = List.copyOf(departments);
        agents = List.copyOf(agents);
        // Snapshots written before a field existed lack it: Jackson passes null for it.
        moodTerms = moodTerms == null ? List.of() : List.copyOf(moodTerms);
        formerAgents = formerAgents == null ? List.of() : List.copyOf(formerAgents);
        rules = rules == null ? ChatRules.DEFAULTS : rules;
    }

    /** A snapshot without former agents and chat rules, as writers made them before those existed. */
    public TenantUpdated(
            UUID tenantId,
            long revision,
            String name,
            String plan,
            Status status,
            List<Site> sites,
            List<Department> departments,
            List<Agent> agents,
            List<MoodTerm> moodTerms,
            Instant updatedAt) {
        this(
                tenantId,
                revision,
                name,
                plan,
                status,
                sites,
                departments,
                agents,
                moodTerms,
                List.of(),
                ChatRules.DEFAULTS,
                updatedAt);
    }

    /** A snapshot without mood terms, as writers made them before the field existed. */
    public TenantUpdated(
            UUID tenantId,
            long revision,
            String name,
            String plan,
            Status status,
            List<Site> sites,
            List<Department> departments,
            List<Agent> agents,
            Instant updatedAt) {
        this(tenantId, revision, name, plan, status, sites, departments, agents, List.of(), updatedAt);
    }

    /** The name of a user of the tenant, active or former. */
    public java.util.Optional<String> nameOf(UUID userId) {
        return agents.stream()
                .filter(agent -> agent.agentId().equals(userId))
                .map(Agent::displayName)
                .findFirst()
                .or(() -> formerAgents.stream()
                        .filter(former -> former.agentId().equals(userId))
                        .map(FormerAgent::displayName)
                        .findFirst());
    }

    public enum Status {
        /** Free trial running: everything works. */
        TRIAL,
        ACTIVE,
        /** A payment failed; still served during the grace period. */
        PAST_DUE,
        /**
         * The trial ended without a plan: widgets show the offline form and take no chats; console users
         * still sign in, so that the owner can choose a plan.
         */
        EXPIRED,
        /** Not served: widgets show offline, agents cannot sign in. */
        SUSPENDED,
        /** Subscription ended; data kept until retention deletes it. */
        CANCELLED,
        /** A value added by a newer writer than this reader; serve such a tenant as {@link #SUSPENDED}. */
        @JsonEnumDefaultValue
        UNKNOWN;

        /** Whether the tenant's widgets take chats: a trial, an active plan, or a payment in its grace period. */
        public boolean takesChats() {
            return this == TRIAL || this == ACTIVE || this == PAST_DUE;
        }
    }

    /**
     * A website that embeds the widget.
     *
     * @param siteKey the public key in the site's loader snippet, by which the widget names its site
     * @param allowedOrigins origins ({@code https://shop.example}) the gateway accepts widget sockets from
     */
    public record Site(UUID siteId, String siteKey, String name, List<String> allowedOrigins) {

        public Site {
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(siteKey, "siteKey");
            Objects.requireNonNull(name, "name");
            allowedOrigins = List.copyOf(allowedOrigins);
        }
    }

    /** A queue of chats with its agents and how its chats reach them. */
    public record Department(UUID departmentId, String name, RoutingMode routingMode) {

        public Department {
            Objects.requireNonNull(departmentId, "departmentId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(routingMode, "routingMode");
        }
    }

    /**
     * A user who can sign in to the console: agents, supervisors, admins and owners alike.
     *
     * @param roles {@code owner}, {@code admin}, {@code supervisor}, {@code agent}; strings so that a new
     *     role needs no contract change
     * @param departmentIds the queues whose chats the user can take
     * @param maxChats how many chats routing gives them at once
     */
    public record Agent(UUID agentId, String displayName, List<String> roles, List<UUID> departmentIds, int maxChats) {
        public Agent {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(displayName, "displayName");
            roles = List.copyOf(roles);
            departmentIds = List.copyOf(departmentIds);
            if (maxChats < 0) {
                throw new IllegalArgumentException("maxChats must not be negative, got " + maxChats);
            }
        }
    }

    /** A user who was deactivated or deleted: only who they were, for history. */
    public record FormerAgent(UUID agentId, String displayName) {
        public FormerAgent {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    public enum RoutingMode {
        /** Routing offers each chat to one least-busy eligible agent, re-offering when the offer times out. */
        OFFER,
        /** Every eligible agent sees the request; the first to accept gets it. */
        PICKUP,
        /** A value added by a newer writer than this reader; route such a department as {@link #PICKUP}. */
        @JsonEnumDefaultValue
        UNKNOWN
    }

    /**
     * A key term of the tenant's chat mood scoring.
     *
     * @param term a lower-case word or phrase, 1 to 60 characters
     * @param weight how it moves a visitor message's score, -5 to +5, never 0
     */
    public record MoodTerm(String term, int weight) {

        public MoodTerm {
            Objects.requireNonNull(term, "term");
        }
    }

    /**
     * How the tenant's chats are handled, as its owner set them in the console. Each {@code null} leaves the
     * choice to the configuration of the service that applies it (routing's accept timeout, session's
     * inactivity timeout), so that a tenant who never chose follows the operator's defaults.
     *
     * @param maxChatsPerAgent a ceiling on every agent's own {@code maxChats}: routing gives nobody more at once
     * @param acceptTimeoutSeconds how long an offered chat waits for the agent before it is offered to the next
     * @param autoCloseMinutes an assigned or active chat nobody wrote in for this long is closed
     */
    public record ChatRules(
            @Nullable Integer maxChatsPerAgent,
            @Nullable Integer acceptTimeoutSeconds,
            @Nullable Integer autoCloseMinutes) {

        /** Nothing chosen: every service applies its own default. */
        public static final ChatRules DEFAULTS = new ChatRules(null, null, null);
    }
}
