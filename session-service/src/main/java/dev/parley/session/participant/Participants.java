package dev.parley.session.participant;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.delivery.Deliveries;
import dev.parley.session.delivery.Frames;
import dev.parley.session.message.MessageLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Agents in a visitor's chat besides the assigned one. The assigned agent or a supervisor invites
 * an agent of the tenant, who is told on their own channel; an invited agent, or a supervisor
 * uninvited, joins: from then on they may write to the visitor (see {@link MessageLog}), and the
 * chat gets a system message saying so, through the message log like any message. Every change is
 * one tenant transaction under the conversation's row lock, so two joins never both announce.
 */
@Component
public class Participants {

    private final DatabaseClient db;
    private final TenantTransactions transactions;
    private final TenantDirectory directory;
    private final MessageLog messages;
    private final Deliveries deliveries;

    public Participants(
            DatabaseClient db,
            TenantTransactions transactions,
            TenantDirectory directory,
            MessageLog messages,
            Deliveries deliveries) {
        this.db = db;
        this.transactions = transactions;
        this.directory = directory;
        this.messages = messages;
        this.deliveries = deliveries;
    }

    /** An agent who joined a chat; {@code name} as the tenant's snapshot has it now (null when unknown). */
    public record Participant(UUID agentId, @Nullable String name, Instant joinedAt) {}

    private record Locked(
            String state, @Nullable UUID agentId, @Nullable String visitorName) {}

    /**
     * {@code caller} (the assigned agent or a supervisor) invites {@code agentId}; after commit the
     * invitee's channel gets {@code conversation.invited}.
     */
    public Mono<UUID> invite(Caller caller, UUID conversationId, UUID agentId) {
        return transactions
                .inTenant(caller.tenantId(), () -> lock(caller.tenantId(), conversationId)
                        .flatMap(conversation -> {
                            if (!caller.principalId().equals(conversation.agentId()) && !caller.supervises()) {
                                return Mono.error(ApiException.forbidden(
                                        "Only the assigned agent or a supervisor invites to this chat"));
                            }
                            if (directory.agent(caller.tenantId(), agentId).isEmpty()) {
                                return Mono.error(ApiException.notFound("unknown_agent", "No such agent in your team"));
                            }
                            if (conversation.state().equals("CLOSED")) {
                                return Mono.error(closed());
                            }
                            if (agentId.equals(conversation.agentId())) {
                                return Mono.error(alreadyIn());
                            }
                            return db.sql("insert into conversation_participant (tenant_id, conversation_id, agent_id,"
                                            + " invited_by, invited_at) values ($1, $2, $3, $4, $5)"
                                            + " on conflict (tenant_id, conversation_id, agent_id) do nothing")
                                    .bind(0, caller.tenantId())
                                    .bind(1, conversationId)
                                    .bind(2, agentId)
                                    .bind(3, caller.principalId())
                                    .bind(4, Instant.now())
                                    .fetch()
                                    .rowsUpdated()
                                    .flatMap(inserted ->
                                            inserted == 0 ? Mono.<Locked>error(alreadyIn()) : Mono.just(conversation));
                        }))
                .flatMap(conversation -> deliveries
                        .toAgent(
                                caller.tenantId(),
                                agentId,
                                new Frames.Invited(
                                        conversationId,
                                        conversation.visitorName(),
                                        new Frames.Agent(caller.principalId(), name(caller))))
                        .thenReturn(agentId));
    }

    /**
     * {@code caller} (invited, or a supervisor) joins the chat. The first join stores the
     * participant and the system message "… joined the chat" in one transaction and publishes the
     * message after commit; a later one answers the same participant and stores nothing.
     */
    public Mono<Participant> join(Caller caller, UUID conversationId) {
        UUID tenantId = caller.tenantId();
        UUID agentId = caller.principalId();
        return transactions
                .inTenant(tenantId, () -> lock(tenantId, conversationId).flatMap(conversation -> db.sql(
                                "select invited_at, joined_at from conversation_participant"
                                        + " where tenant_id = $1 and conversation_id = $2 and agent_id = $3")
                        .bind(0, tenantId)
                        .bind(1, conversationId)
                        .bind(2, agentId)
                        .map(row -> new Invitation(true, row.get("joined_at", Instant.class)))
                        .one()
                        .defaultIfEmpty(new Invitation(false, null))
                        .flatMap(invitation -> {
                            if (invitation.joinedAt() != null) {
                                return Mono.just(new Joined(
                                        new Participant(agentId, displayName(caller), invitation.joinedAt()), null));
                            }
                            if (!invitation.invited() && !caller.supervises()) {
                                return Mono.error(
                                        ApiException.forbidden("Only invited agents and supervisors join this chat"));
                            }
                            if (conversation.state().equals("CLOSED")) {
                                return Mono.error(closed());
                            }
                            return firstJoin(caller, conversationId);
                        })))
                .flatMap(joined -> (joined.announced() == null
                                ? Mono.<Void>empty()
                                : deliveries.message(tenantId, joined.announced()))
                        .thenReturn(joined.participant()));
    }

    /** Whether the caller has a row (invited, or joined before) and when they joined (null: not yet). */
    private record Invitation(boolean invited, @Nullable Instant joinedAt) {}

    /** The participant, and the system message to publish after commit (null when nothing was stored). */
    private record Joined(Participant participant, Frames.@Nullable Message announced) {}

    private Mono<Joined> firstJoin(Caller caller, UUID conversationId) {
        // Postgres keeps microseconds: the first answer says what every later one will.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String name = name(caller);
        return db.sql("insert into conversation_participant (tenant_id, conversation_id, agent_id, joined_at)"
                        + " values ($1, $2, $3, $4) on conflict (tenant_id, conversation_id, agent_id)"
                        + " do update set joined_at = excluded.joined_at")
                .bind(0, caller.tenantId())
                .bind(1, conversationId)
                .bind(2, caller.principalId())
                .bind(3, now)
                .then()
                .then(messages.appendSystem(caller.tenantId(), conversationId, name + " joined the chat"))
                .map(message -> new Joined(new Participant(caller.principalId(), displayName(caller), now), message));
    }

    /** The agents who joined the chat, in the order they joined. */
    public Mono<List<Participant>> of(Caller caller, UUID conversationId) {
        return transactions.inTenant(caller.tenantId(), () -> visitorChat(caller.tenantId(), conversationId, "")
                .then(db.sql("select agent_id, joined_at from conversation_participant"
                                + " where tenant_id = $1 and conversation_id = $2 and joined_at is not null"
                                + " order by joined_at, agent_id")
                        .bind(0, caller.tenantId())
                        .bind(1, conversationId)
                        .map(row -> {
                            UUID agentId = row.get("agent_id", UUID.class);
                            return new Participant(
                                    agentId,
                                    directory
                                            .tenant(caller.tenantId())
                                            .flatMap(tenant -> tenant.nameOf(agentId))
                                            .orElse(null),
                                    row.get("joined_at", Instant.class));
                        })
                        .all()
                        .collectList()));
    }

    /** The visitor's chat, locked; another tenant's or an internal chat is not found. */
    private Mono<Locked> lock(UUID tenantId, UUID conversationId) {
        return visitorChat(tenantId, conversationId, " for update");
    }

    private Mono<Locked> visitorChat(UUID tenantId, UUID conversationId, String lock) {
        return db.sql("select state, agent_id, visitor_name from conversation"
                        + " where tenant_id = $1 and id = $2 and kind = 'VISITOR'" + lock)
                .bind(0, tenantId)
                .bind(1, conversationId)
                .map(row -> new Locked(
                        row.get("state", String.class),
                        row.get("agent_id", UUID.class),
                        row.get("visitor_name", String.class)))
                .one()
                .switchIfEmpty(Mono.error(ApiException.notFound("not_found", "No such conversation")));
    }

    private @Nullable String displayName(Caller caller) {
        return directory
                .agent(caller.tenantId(), caller.principalId())
                .map(TenantUpdated.Agent::displayName)
                .orElse(caller.name().isBlank() ? null : caller.name());
    }

    /** The name the chat shows: the snapshot's, else the sign-in's, else a neutral one. */
    private String name(Caller caller) {
        String name = displayName(caller);
        return name == null || name.isBlank() ? "An agent" : name;
    }

    private static ApiException closed() {
        return ApiException.conflict("conversation_closed", "The conversation has ended");
    }

    private static ApiException alreadyIn() {
        return ApiException.conflict("already_participant", "That agent is already in this chat");
    }
}
