package dev.parley.session.message;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.chat.MessagePosted;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.SendMessage;
import dev.parley.contracts.chat.Visibility;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.Caller;
import dev.parley.session.delivery.Frames;
import dev.parley.session.internalchat.Membership;
import dev.parley.session.mood.Mood;
import dev.parley.session.mood.MoodChange;
import dev.parley.session.mood.Moods;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The messages of conversations: each stored with the next sequence number of its conversation
 * in the transaction that stores it, once per client message id, and announced through the outbox
 * in the same transaction. This is where visibility is enforced: a visitor can neither send nor
 * read an agents-only message. Internal chats (agents among themselves) use the same log: only
 * their members write, and everything in them is visible to all of them. Parley's own messages
 * (an agent joined the chat) take the same path through {@link #appendSystem}. A visitor's message is
 * also scored for chat mood here, and its conversation's running mood moved, in the same
 * transaction and under the same row lock.
 */
@Component
public class MessageLog {

    private static final String SOURCE = "/parley/session-service";
    public static final int MAX_TEXT = 4000;

    private final DatabaseClient db;
    private final TenantTransactions transactions;
    private final Outbox outbox;
    private final TenantDirectory directory;
    private final Membership membership;
    private final Moods moods;

    public MessageLog(
            DatabaseClient db,
            TenantTransactions transactions,
            Outbox outbox,
            TenantDirectory directory,
            Membership membership,
            Moods moods) {
        this.db = db;
        this.transactions = transactions;
        this.outbox = outbox;
        this.directory = directory;
        this.membership = membership;
        this.moods = moods;
    }

    /**
     * What became of a send: the stored message (new, or the earlier copy of a retry); for an
     * internal chat the members to tell on their own channels (all but the sender); and how a new
     * visitor message moved the conversation's mood (null for anything else).
     */
    public record Appended(
            Frames.Message frame,
            boolean retry,
            List<UUID> membersToTell,
            @Nullable MoodChange mood) {}

    /** Stores {@code command}'s message, or raises a {@link Rejection} with nothing stored. */
    public Mono<Appended> append(UUID tenantId, SendMessage command) {
        return transactions.inTenant(tenantId, () -> lockConversation(
                        tenantId, command.conversationId(), command.senderId())
                .flatMap(conversation -> {
                    SendMessage send = authorize(tenantId, conversation, command);
                    List<UUID> toTell = conversation.shape().internal()
                            ? membership.members(tenantId, conversation.shape()).stream()
                                    .filter(member -> !member.equals(send.senderId()))
                                    .toList()
                            : List.of();
                    // No lookup first: the insert itself finds a retry (the unique client id), so a
                    // new message costs one round trip less; only a retry reads the stored copy.
                    return insert(tenantId, conversation, Draft.of(send), toTell)
                            .switchIfEmpty(Mono.defer(
                                    () -> stored(tenantId, send.conversationId(), send.clientMessageId(), conversation)
                                            .map(frame -> new Appended(frame, true, toTell, null))));
                }));
    }

    /**
     * Stores a message of Parley itself ({@code system} sender, no sender id, no client id), visible
     * to all, with the conversation's next seq and its event, like any message. Joins the caller's
     * tenant transaction when there is one, so that what it reports is stored in the same commit.
     * The caller publishes the frame after commit. A closed conversation is refused; an internal
     * chat does not take system messages.
     */
    public Mono<Frames.Message> appendSystem(UUID tenantId, UUID conversationId, String text) {
        return transactions.inTenant(
                tenantId, () -> lockConversation(tenantId, conversationId, null).flatMap(conversation -> {
                    if (conversation.shape().internal()) {
                        return Mono.error(new Rejection("not_found", "No such conversation"));
                    }
                    if (conversation.state().equals("CLOSED")) {
                        return Mono.error(new Rejection("conversation_closed", "The conversation has ended"));
                    }
                    var draft = new Draft(ParticipantKind.SYSTEM, null, null, Visibility.ALL, text);
                    return insert(tenantId, conversation, draft, List.of()).map(Appended::frame);
                }));
    }

    /** What is to be stored: a sender's command, or Parley's own message (no sender id, no client id). */
    private record Draft(
            ParticipantKind senderKind,
            @Nullable UUID senderId,
            @Nullable String clientMessageId,
            Visibility visibility,
            String text) {

        static Draft of(SendMessage send) {
            return new Draft(
                    send.senderKind(), send.senderId(), send.clientMessageId(), send.visibility(), send.text());
        }
    }

    /** Messages after {@code afterSeq}, oldest first; a visitor's view leaves out agents-only ones. */
    public Flux<Frames.Message> after(
            UUID tenantId, UUID conversationId, long afterSeq, int limit, boolean visitorView) {
        return transactions
                .inTenant(tenantId, () -> db.sql("select m.seq, m.id, m.client_message_id, m.sender_kind, m.sender_id,"
                                + " m.visibility, m.body, m.posted_at, c.visitor_name from message m"
                                + " join conversation c on c.tenant_id = m.tenant_id and c.id = m.conversation_id"
                                + " where m.tenant_id = $1 and m.conversation_id = $2 and m.seq > $3"
                                + (visitorView ? " and m.visibility = 'ALL'" : "")
                                + " order by m.seq limit $4")
                        .bind(0, tenantId)
                        .bind(1, conversationId)
                        .bind(2, afterSeq)
                        .bind(3, limit)
                        .map(row -> frame(tenantId, conversationId, row, row.get("visitor_name", String.class)))
                        .all()
                        .collectList())
                .flatMapMany(Flux::fromIterable);
    }

    record Conversation(
            UUID id,
            String state,
            @Nullable UUID visitorId,
            @Nullable UUID agentId,
            long lastSeq,
            @Nullable String visitorName,
            @Nullable UUID departmentId,
            Membership.Shape shape,
            Mood mood,
            boolean senderJoined) {}

    /** The conversation, locked; {@code senderJoined}: whether {@code senderId} joined it as a participant. */
    private Mono<Conversation> lockConversation(UUID tenantId, UUID conversationId, @Nullable UUID senderId) {
        // FOR UPDATE: the row lock orders concurrent sends of one conversation, so seq has no gaps.
        var select = db.sql("select id, state, visitor_id, agent_id, last_seq, visitor_name, department_id, mood,"
                        + " mood_label, mood_trend, " + Membership.COLUMNS
                        + ", exists (select 1 from conversation_participant p where p.tenant_id = $1"
                        + " and p.conversation_id = $2 and p.agent_id = $3 and p.joined_at is not null) as joined"
                        + " from conversation where tenant_id = $1 and id = $2 for update of conversation")
                .bind(0, tenantId)
                .bind(1, conversationId);
        select = senderId == null ? select.bindNull(2, UUID.class) : select.bind(2, senderId);
        return select.map(row -> new Conversation(
                        row.get("id", UUID.class),
                        row.get("state", String.class),
                        row.get("visitor_id", UUID.class),
                        row.get("agent_id", UUID.class),
                        row.get("last_seq", Long.class),
                        row.get("visitor_name", String.class),
                        row.get("department_id", UUID.class),
                        Membership.Shape.of(row),
                        Mood.of(row),
                        Boolean.TRUE.equals(row.get("joined", Boolean.class))))
                .one()
                .switchIfEmpty(Mono.error(new Rejection("not_found", "No such conversation")));
    }

    /** The command as it is to be stored, or a {@link Rejection}. */
    private SendMessage authorize(UUID tenantId, Conversation conversation, SendMessage command) {
        if (command.text().isBlank() || command.text().length() > MAX_TEXT) {
            throw new Rejection("invalid", "text must have 1 to " + MAX_TEXT + " characters");
        }
        if (conversation.shape().internal()) {
            return authorizeInternal(tenantId, conversation, command);
        }
        switch (command.senderKind()) {
            case VISITOR -> {
                if (!command.senderId().equals(conversation.visitorId())) {
                    throw new Rejection("forbidden", "Not your conversation");
                }
                if (command.visibility() != Visibility.ALL) {
                    throw new Rejection("forbidden", "Visitors cannot send agents-only messages");
                }
            }
            case AGENT -> {
                TenantUpdated.Agent agent = agent(tenantId, command.senderId())
                        .orElseThrow(() -> new Rejection("forbidden", "Not an agent of this tenant"));
                boolean assigned = command.senderId().equals(conversation.agentId());
                boolean supervises = Caller.supervises(agent.roles());
                // Any agent of the tenant may leave a private note; only the assigned agent, a
                // supervisor, or an agent who joined the chat (invited) may speak to the visitor.
                if (command.visibility() == Visibility.ALL
                        && !assigned
                        && !supervises
                        && !conversation.senderJoined()) {
                    throw new Rejection(
                            "forbidden", "Only the assigned agent or one who joined can write to the visitor");
                }
            }
            default -> throw new Rejection("forbidden", "Unknown sender");
        }
        if (conversation.state().equals("CLOSED")) {
            throw new Rejection("conversation_closed", "The conversation has ended");
        }
        return command;
    }

    /**
     * An internal chat: for a visitor it does not exist; an agent must be a member now. Everyone in
     * it is an agent, so whispers mean nothing there: every message is stored visible to all.
     */
    private SendMessage authorizeInternal(UUID tenantId, Conversation conversation, SendMessage command) {
        if (command.senderKind() != ParticipantKind.AGENT) {
            throw new Rejection("not_found", "No such conversation");
        }
        if (!membership.isMember(tenantId, conversation.shape(), command.senderId())) {
            throw new Rejection("forbidden", "Not a member of this chat");
        }
        return command.visibility() == Visibility.ALL
                ? command
                : new SendMessage(
                        command.conversationId(),
                        command.clientMessageId(),
                        command.senderKind(),
                        command.senderId(),
                        Visibility.ALL,
                        command.text(),
                        command.sentAt());
    }

    private Mono<Frames.Message> stored(
            UUID tenantId, UUID conversationId, String clientMessageId, Conversation conversation) {
        return db.sql("select seq, id, client_message_id, sender_kind, sender_id, visibility, body, posted_at"
                        + " from message where tenant_id = $1 and conversation_id = $2 and client_message_id = $3")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .bind(2, clientMessageId)
                .map(row -> frame(tenantId, conversationId, row, conversation.visitorName()))
                .one();
    }

    /** The new message stored and announced; empty when its client message id was stored before (a retry). */
    private Mono<Appended> insert(UUID tenantId, Conversation conversation, Draft command, List<UUID> membersToTell) {
        long seq = conversation.lastSeq() + 1;
        UUID messageId = UUID.randomUUID();
        Instant postedAt = Instant.now();
        String text = CardNumbers.redact(command.text());
        var posted = new MessagePosted(
                conversation.id(),
                messageId,
                seq,
                command.clientMessageId(),
                command.senderKind(),
                command.senderId(),
                command.visibility(),
                text,
                postedAt);
        // The first word an agent says to the visitor makes an assigned chat active.
        boolean activates = command.senderKind() == ParticipantKind.AGENT && command.visibility() == Visibility.ALL;
        // Only what the visitor says to the agents tells their mood; whispers and notes are agents' own.
        @Nullable
        MoodChange mood = command.senderKind() == ParticipantKind.VISITOR && command.visibility() == Visibility.ALL
                ? scored(tenantId, conversation, seq, text)
                : null;
        var insertMessage = db.sql("insert into message (tenant_id, conversation_id, seq, id, client_message_id,"
                        + " sender_kind, sender_id, visibility, body, posted_at, mood_score)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                        // A client message id seen before in this conversation: nothing is stored.
                        + " on conflict (tenant_id, conversation_id, client_message_id)"
                        + " where client_message_id is not null do nothing")
                .bind(0, tenantId)
                .bind(1, conversation.id())
                .bind(2, seq)
                .bind(3, messageId)
                .bind(5, command.senderKind().name())
                .bind(7, command.visibility().name())
                .bind(8, text)
                .bind(9, postedAt);
        insertMessage = command.clientMessageId() == null
                ? insertMessage.bindNull(4, String.class)
                : insertMessage.bind(4, command.clientMessageId());
        insertMessage = command.senderId() == null
                ? insertMessage.bindNull(6, UUID.class)
                : insertMessage.bind(6, command.senderId());
        var updateConversation = db.sql("update conversation set last_seq = $3, last_activity_at = $4,"
                        + " state = case when state = 'ASSIGNED' and $5 then 'ACTIVE' else state end"
                        + (mood == null ? "" : ", mood = $6, mood_label = $7, mood_trend = $8")
                        + " where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, conversation.id())
                .bind(2, seq)
                .bind(3, postedAt)
                .bind(4, activates);
        if (mood == null) {
            insertMessage = insertMessage.bindNull(10, Short.class);
        } else {
            insertMessage = insertMessage.bind(10, (short) mood.score());
            updateConversation = updateConversation
                    .bind(5, mood.after().mood())
                    .bind(6, mood.after().label())
                    .bind(7, mood.after().trendColumn());
        }
        var update = updateConversation;
        return insertMessage
                .fetch()
                .rowsUpdated()
                .filter(inserted -> inserted == 1)
                .flatMap(inserted -> update.then()
                        .then(outbox.append(
                                "conversation",
                                EventEnvelope.of(
                                        EventTypes.MESSAGE_POSTED,
                                        SOURCE,
                                        postedAt,
                                        tenantId,
                                        conversation.id().toString(),
                                        posted)))
                        .thenReturn(new Appended(
                                new Frames.Message(
                                        conversation.id(),
                                        seq,
                                        messageId,
                                        command.clientMessageId(),
                                        sender(
                                                tenantId,
                                                command.senderKind(),
                                                command.senderId(),
                                                conversation.visitorName()),
                                        visibility(command.visibility()),
                                        text,
                                        postedAt),
                                false,
                                membersToTell,
                                mood)));
    }

    private MoodChange scored(UUID tenantId, Conversation conversation, long seq, String text) {
        int score = moods.score(tenantId, text);
        return new MoodChange(
                conversation.id(),
                seq,
                score,
                conversation.mood(),
                conversation.mood().after(score),
                conversation.visitorName(),
                conversation.agentId(),
                conversation.departmentId(),
                text);
    }

    private Frames.Message frame(UUID tenantId, UUID conversationId, Readable row, @Nullable String visitorName) {
        ParticipantKind kind = ParticipantKind.valueOf(row.get("sender_kind", String.class));
        return new Frames.Message(
                conversationId,
                row.get("seq", Long.class),
                row.get("id", UUID.class),
                row.get("client_message_id", String.class),
                sender(tenantId, kind, row.get("sender_id", UUID.class), visitorName),
                visibility(Visibility.valueOf(row.get("visibility", String.class))),
                row.get("body", String.class),
                row.get("posted_at", Instant.class));
    }

    private Frames.Sender sender(
            UUID tenantId, ParticipantKind kind, @Nullable UUID senderId, @Nullable String visitorName) {
        String name =
                switch (kind) {
                    case VISITOR -> visitorName;
                    case AGENT ->
                        senderId == null
                                ? null
                                : agent(tenantId, senderId)
                                        .map(TenantUpdated.Agent::displayName)
                                        .orElse(null);
                    default -> null;
                };
        return new Frames.Sender(kind.name().toLowerCase(Locale.ROOT), senderId, name);
    }

    private static String visibility(Visibility visibility) {
        // An unknown value from a newer writer is treated as the stricter one.
        return visibility == Visibility.ALL ? "all" : "agents";
    }

    private Optional<TenantUpdated.Agent> agent(UUID tenantId, UUID agentId) {
        return directory.agent(tenantId, agentId);
    }
}
