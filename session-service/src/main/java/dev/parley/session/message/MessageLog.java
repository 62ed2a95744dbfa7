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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
 *
 * <p>Messages are stored in batches ({@link #appendAll}): one transaction locks every conversation
 * the batch names in one query, decides each message in memory (refusals, retries, seq, mood), and
 * writes all of them, their conversations and their events in two statements, so the cost in round
 * trips is per batch, not per message (docs/adr/0006). A single send is a batch of one.
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

    /** One command's outcome in a batch: stored ({@code appended}) or refused, never both. */
    public record Result(
            @Nullable Appended appended, @Nullable Rejection refused) {

        static Result of(Appended appended) {
            return new Result(appended, null);
        }

        static Result of(Rejection refused) {
            return new Result(null, refused);
        }

        /** The stored message, or the refusal raised. */
        public Appended orThrow() {
            if (appended == null) {
                throw Objects.requireNonNull(refused);
            }
            return appended;
        }
    }

    /**
     * Stores {@code command}'s message, or raises a {@link Rejection} with nothing stored. Unlike a
     * batch, it looks for an earlier copy among all of the conversation's messages: this is how a
     * send is stored when its batch failed, which is also what a batch does when a retry was older
     * than the batch's look-back ({@link #RETRY_WINDOW}).
     */
    public Mono<Appended> append(UUID tenantId, SendMessage command) {
        return transactions
                .inTenant(tenantId, () -> store(tenantId, List.of(Draft.of(command)), false))
                .map(results -> results.get(0).orThrow());
    }

    /**
     * Stores the messages of {@code commands}, all of one tenant, in one transaction and in their
     * order; emits one result per command, in the same order. A refused command stores nothing and
     * does not keep the others from being stored.
     */
    public Mono<List<Result>> appendAll(UUID tenantId, List<SendMessage> commands) {
        List<Draft> drafts = commands.stream().map(Draft::of).toList();
        return transactions.inTenant(tenantId, () -> store(tenantId, drafts, true));
    }

    /**
     * Stores a message of Parley itself ({@code system} sender, no sender id, no client id), visible
     * to all, with the conversation's next seq and its event, like any message. Joins the caller's
     * tenant transaction when there is one, so that what it reports is stored in the same commit.
     * The caller publishes the frame after commit. A closed conversation is refused; an internal
     * chat does not take system messages.
     */
    public Mono<Frames.Message> appendSystem(UUID tenantId, UUID conversationId, String text) {
        var draft = new Draft(conversationId, ParticipantKind.SYSTEM, null, null, Visibility.ALL, text);
        return transactions
                .inTenant(tenantId, () -> store(tenantId, List.of(draft), false))
                .map(results -> results.get(0).orThrow().frame());
    }

    /** What is to be stored: a sender's command, or Parley's own message (no sender id, no client id). */
    private record Draft(
            UUID conversationId,
            ParticipantKind senderKind,
            @Nullable UUID senderId,
            @Nullable String clientMessageId,
            Visibility visibility,
            String text) {

        static Draft of(SendMessage send) {
            return new Draft(
                    send.conversationId(),
                    send.senderKind(),
                    send.senderId(),
                    send.clientMessageId(),
                    send.visibility(),
                    send.text());
        }

        Draft visibleToAll() {
            return new Draft(conversationId, senderKind, senderId, clientMessageId, Visibility.ALL, text);
        }
    }

    private Mono<List<Result>> store(UUID tenantId, List<Draft> drafts, boolean recentRetriesOnly) {
        return lock(tenantId, drafts, recentRetriesOnly)
                .flatMap(locked ->
                        joined(tenantId, drafts, locked).map(joined -> decide(tenantId, drafts, locked, joined)))
                .flatMap(batch -> write(tenantId, batch).then(Mono.defer(() -> retries(tenantId, batch))));
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

    /** A conversation as its row was locked, and the client message ids of the batch it has stored already. */
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
            Set<String> stored) {}

    /**
     * How far back a batch looks for an earlier copy of a send, in messages of its conversation. A
     * retry is a client sending again what it had no answer for, or Kafka handing a command over
     * again after a crash: its copy is among the conversation's last messages. Bounded so that a
     * batch's lookup costs the same in a chat of ten messages and in one of a hundred thousand
     * (unbounded, Postgres walked every message of the conversation). An older retry still cannot
     * be stored twice: the unique index on the client id fails the batch, and its sends are then
     * stored one at a time by {@link #append}, which looks at all of them.
     */
    static final int RETRY_WINDOW = 200;

    /**
     * Every conversation {@code drafts} name, locked, by id. FOR UPDATE: the row lock orders
     * concurrent writers of one conversation, so seq has no gaps; ids in order, so two batches
     * never wait for each other in a cycle. The client ids already stored come in the same round
     * trip, so a retry is recognised without a lookup per message: among the conversation's last
     * {@link #RETRY_WINDOW} messages, or all of them when {@code recentRetriesOnly} is false.
     */
    private Mono<Map<UUID, Conversation>> lock(UUID tenantId, List<Draft> drafts, boolean recentRetriesOnly) {
        UUID[] ids = drafts.stream().map(Draft::conversationId).distinct().toArray(UUID[]::new);
        String[] clientIds = drafts.stream()
                .map(Draft::clientMessageId)
                .filter(Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        return db.sql("select id, state, visitor_id, agent_id, last_seq, visitor_name, department_id, mood,"
                        + " mood_label, mood_trend, " + Membership.COLUMNS + ", array(select m.client_message_id"
                        + " from message m where m.tenant_id = c.tenant_id and m.conversation_id = c.id"
                        + (recentRetriesOnly ? " and m.seq > c.last_seq - " + RETRY_WINDOW : "")
                        + " and m.client_message_id = any($3)) as stored"
                        + " from conversation c where tenant_id = $1 and id = any($2) order by id for update of c")
                .bind(0, tenantId)
                .bind(1, ids)
                .bind(2, clientIds)
                .map(row -> {
                    String[] stored = row.get("stored", String[].class);
                    return new Conversation(
                            row.get("id", UUID.class),
                            row.get("state", String.class),
                            row.get("visitor_id", UUID.class),
                            row.get("agent_id", UUID.class),
                            row.get("last_seq", Long.class),
                            row.get("visitor_name", String.class),
                            row.get("department_id", UUID.class),
                            Membership.Shape.of(row),
                            Mood.of(row),
                            stored == null ? Set.of() : Set.of(stored));
                })
                .all()
                .collectMap(Conversation::id);
    }

    /**
     * Which senders of {@code drafts} joined the conversation they write to (invited agents may
     * speak to the visitor), as {@code conversationId/agentId}. Asked only for an agent who is
     * neither the assigned one nor a supervisor: for the usual message no query at all.
     */
    private Mono<Set<String>> joined(UUID tenantId, List<Draft> drafts, Map<UUID, Conversation> locked) {
        List<Draft> unsure = drafts.stream()
                .filter(draft -> draft.senderKind() == ParticipantKind.AGENT
                        && draft.visibility() == Visibility.ALL
                        && draft.senderId() != null)
                .filter(draft -> {
                    Conversation conversation = locked.get(draft.conversationId());
                    return conversation != null
                            && !conversation.shape().internal()
                            && !draft.senderId().equals(conversation.agentId())
                            && !agent(tenantId, draft.senderId())
                                    .map(agent -> Caller.supervises(agent.roles()))
                                    .orElse(false);
                })
                .toList();
        if (unsure.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql("select conversation_id, agent_id from conversation_participant where tenant_id = $1"
                        + " and conversation_id = any($2) and agent_id = any($3) and joined_at is not null")
                .bind(0, tenantId)
                .bind(1, unsure.stream().map(Draft::conversationId).distinct().toArray(UUID[]::new))
                .bind(2, unsure.stream().map(Draft::senderId).distinct().toArray(UUID[]::new))
                .map(row -> row.get("conversation_id", UUID.class) + "/" + row.get("agent_id", UUID.class))
                .all()
                .collect(Collectors.toSet());
    }

    /** A locked conversation as the batch moves it: its seq, state and mood after each message decided so far. */
    private static final class Working {
        final Conversation row;
        long lastSeq;
        String state;
        Mood mood;
        boolean moodMoved;
        boolean written;
        final Map<String, Appended> newByClientId = new HashMap<>();

        Working(Conversation row) {
            this.row = row;
            this.lastSeq = row.lastSeq();
            this.state = row.state();
            this.mood = row.mood();
        }
    }

    /** A message decided new: what its row, its event and its frame are made of. */
    private record NewMessage(
            UUID conversationId,
            long seq,
            UUID id,
            Draft draft,
            String text,
            @Nullable MoodChange mood,
            EventEnvelope<?> event) {}

    /** A retry of a message stored before this batch: its stored copy is read after the writes. */
    private record StoredRetry(int index, Draft draft, Conversation conversation, List<UUID> membersToTell) {}

    /** The decisions of one batch, in the order of its drafts. */
    private static final class Batch {
        final Instant postedAt;
        final Result[] results;
        final Map<UUID, Working> conversations = new LinkedHashMap<>();
        final List<NewMessage> messages = new ArrayList<>();
        final List<StoredRetry> retries = new ArrayList<>();

        Batch(Instant postedAt, int size) {
            this.postedAt = postedAt;
            this.results = new Result[size];
        }
    }

    private Batch decide(UUID tenantId, List<Draft> drafts, Map<UUID, Conversation> locked, Set<String> joined) {
        // One time for the batch: its messages are stored by one commit.
        var batch = new Batch(Instant.now(), drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            Conversation row = locked.get(draft.conversationId());
            try {
                if (row == null) {
                    throw new Rejection("not_found", "No such conversation");
                }
                Working conversation = batch.conversations.computeIfAbsent(row.id(), id -> new Working(row));
                Draft send = authorize(tenantId, conversation, draft, joined);
                List<UUID> toTell = row.shape().internal()
                        ? membership.members(tenantId, row.shape()).stream()
                                .filter(member -> !member.equals(send.senderId()))
                                .toList()
                        : List.of();
                String clientId = send.clientMessageId();
                Appended earlier = clientId == null ? null : conversation.newByClientId.get(clientId);
                if (earlier != null) {
                    batch.results[i] = Result.of(new Appended(earlier.frame(), true, toTell, null));
                } else if (clientId != null && row.stored().contains(clientId)) {
                    batch.retries.add(new StoredRetry(i, send, row, toTell));
                } else {
                    Appended appended = add(tenantId, batch, conversation, send, toTell);
                    batch.results[i] = Result.of(appended);
                    if (clientId != null) {
                        conversation.newByClientId.put(clientId, appended);
                    }
                }
            } catch (Rejection refused) {
                batch.results[i] = Result.of(refused);
            }
        }
        return batch;
    }

    /** The draft as it is to be stored, or a {@link Rejection}. */
    private Draft authorize(UUID tenantId, Working conversation, Draft draft, Set<String> joined) {
        Conversation row = conversation.row;
        if (draft.senderKind() == ParticipantKind.SYSTEM) {
            if (row.shape().internal()) {
                throw new Rejection("not_found", "No such conversation");
            }
        } else if (draft.text().isBlank() || draft.text().length() > MAX_TEXT) {
            throw new Rejection("invalid", "text must have 1 to " + MAX_TEXT + " characters");
        } else if (draft.text().indexOf((char) 0) >= 0) {
            // Postgres text cannot hold NUL: refused here, not failed in the batch's statement.
            throw new Rejection("invalid", "text must not contain NUL characters");
        } else if (row.shape().internal()) {
            return authorizeInternal(tenantId, row, draft);
        } else {
            authorizeInConversation(tenantId, row, draft, joined);
        }
        if (conversation.state.equals("CLOSED")) {
            throw new Rejection("conversation_closed", "The conversation has ended");
        }
        return draft;
    }

    private void authorizeInConversation(UUID tenantId, Conversation row, Draft draft, Set<String> joined) {
        switch (draft.senderKind()) {
            case VISITOR -> {
                if (!Objects.equals(draft.senderId(), row.visitorId())) {
                    throw new Rejection("forbidden", "Not your conversation");
                }
                if (draft.visibility() != Visibility.ALL) {
                    throw new Rejection("forbidden", "Visitors cannot send agents-only messages");
                }
            }
            case AGENT -> {
                UUID senderId = Objects.requireNonNull(draft.senderId());
                TenantUpdated.Agent agent = agent(tenantId, senderId)
                        .orElseThrow(() -> new Rejection("forbidden", "Not an agent of this tenant"));
                boolean assigned = senderId.equals(row.agentId());
                boolean supervises = Caller.supervises(agent.roles());
                // Any agent of the tenant may leave a private note; only the assigned agent, a
                // supervisor, or an agent who joined the chat (invited) may speak to the visitor.
                if (draft.visibility() == Visibility.ALL
                        && !assigned
                        && !supervises
                        && !joined.contains(row.id() + "/" + senderId)) {
                    throw new Rejection(
                            "forbidden", "Only the assigned agent or one who joined can write to the visitor");
                }
            }
            default -> throw new Rejection("forbidden", "Unknown sender");
        }
    }

    /**
     * An internal chat: for a visitor it does not exist; an agent must be a member now. Everyone in
     * it is an agent, so whispers mean nothing there: every message is stored visible to all.
     */
    private Draft authorizeInternal(UUID tenantId, Conversation row, Draft draft) {
        if (draft.senderKind() != ParticipantKind.AGENT || draft.senderId() == null) {
            throw new Rejection("not_found", "No such conversation");
        }
        if (!membership.isMember(tenantId, row.shape(), draft.senderId())) {
            throw new Rejection("forbidden", "Not a member of this chat");
        }
        return draft.visibility() == Visibility.ALL ? draft : draft.visibleToAll();
    }

    /** Decides a new message: the conversation's next seq, its mood, its event and frame. */
    private Appended add(UUID tenantId, Batch batch, Working conversation, Draft draft, List<UUID> membersToTell) {
        Conversation row = conversation.row;
        long seq = ++conversation.lastSeq;
        UUID messageId = UUID.randomUUID();
        String text = CardNumbers.redact(draft.text());
        // The first word an agent says to the visitor makes an assigned chat active.
        if (draft.senderKind() == ParticipantKind.AGENT
                && draft.visibility() == Visibility.ALL
                && conversation.state.equals("ASSIGNED")) {
            conversation.state = "ACTIVE";
        }
        // Only what the visitor says to the agents tells their mood; whispers and notes are agents' own.
        @Nullable MoodChange mood = null;
        if (draft.senderKind() == ParticipantKind.VISITOR && draft.visibility() == Visibility.ALL) {
            int score = moods.score(tenantId, text);
            Mood after = conversation.mood.after(score);
            mood = new MoodChange(
                    row.id(),
                    seq,
                    score,
                    conversation.mood,
                    after,
                    row.visitorName(),
                    row.agentId(),
                    row.departmentId(),
                    text);
            conversation.mood = after;
            conversation.moodMoved = true;
        }
        conversation.written = true;
        var posted = new MessagePosted(
                row.id(),
                messageId,
                seq,
                draft.clientMessageId(),
                draft.senderKind(),
                draft.senderId(),
                draft.visibility(),
                text,
                batch.postedAt);
        var event = EventEnvelope.of(
                EventTypes.MESSAGE_POSTED,
                SOURCE,
                batch.postedAt,
                tenantId,
                row.id().toString(),
                posted);
        batch.messages.add(new NewMessage(row.id(), seq, messageId, draft, text, mood, event));
        var frame = new Frames.Message(
                row.id(),
                seq,
                messageId,
                draft.clientMessageId(),
                sender(tenantId, draft.senderKind(), draft.senderId(), row.visitorName()),
                visibility(draft.visibility()),
                text,
                batch.postedAt);
        return new Appended(frame, false, membersToTell, mood);
    }

    /**
     * The batch's new messages and their conversations in one statement, their events in one
     * more. No conflict is possible: the rows are locked and the stored client ids were read under
     * the lock, so every insert is new.
     */
    private Mono<Void> write(UUID tenantId, Batch batch) {
        if (batch.messages.isEmpty()) {
            return Mono.empty();
        }
        int n = batch.messages.size();
        UUID[] conversationIds = new UUID[n];
        Long[] seqs = new Long[n];
        UUID[] ids = new UUID[n];
        String[] clientIds = new String[n];
        String[] senderKinds = new String[n];
        UUID[] senderIds = new UUID[n];
        String[] visibilities = new String[n];
        String[] bodies = new String[n];
        Short[] moodScores = new Short[n];
        List<EventEnvelope<?>> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NewMessage message = batch.messages.get(i);
            conversationIds[i] = message.conversationId();
            seqs[i] = message.seq();
            ids[i] = message.id();
            clientIds[i] = message.draft().clientMessageId();
            senderKinds[i] = message.draft().senderKind().name();
            senderIds[i] = message.draft().senderId();
            visibilities[i] = message.draft().visibility().name();
            bodies[i] = message.text();
            moodScores[i] =
                    message.mood() == null ? null : (short) message.mood().score();
            events.add(message.event());
        }
        List<Working> touched =
                batch.conversations.values().stream().filter(c -> c.written).toList();
        int m = touched.size();
        UUID[] touchedIds = new UUID[m];
        Long[] lastSeqs = new Long[m];
        String[] states = new String[m];
        Boolean[] moodMoved = new Boolean[m];
        Double[] moodValues = new Double[m];
        String[] moodLabels = new String[m];
        String[] moodTrends = new String[m];
        for (int i = 0; i < m; i++) {
            Working conversation = touched.get(i);
            touchedIds[i] = conversation.row.id();
            lastSeqs[i] = conversation.lastSeq;
            states[i] = conversation.state;
            moodMoved[i] = conversation.moodMoved;
            moodValues[i] = conversation.mood.mood();
            moodLabels[i] = conversation.mood.label();
            moodTrends[i] = conversation.mood.trendLiteral();
        }
        var statement = db.sql("with stored as (insert into message (tenant_id, conversation_id, seq, id,"
                        + " client_message_id, sender_kind, sender_id, visibility, body, posted_at, mood_score)"
                        + " select $1, m.conversation_id, m.seq, m.id, m.client_message_id, m.sender_kind, m.sender_id,"
                        + " m.visibility, m.body, $11, m.mood_score from unnest($2::uuid[], $3::bigint[], $4::uuid[],"
                        + " $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::smallint[])"
                        + " as m(conversation_id, seq, id, client_message_id, sender_kind, sender_id, visibility,"
                        + " body, mood_score))"
                        + " update conversation c set last_seq = v.last_seq, last_activity_at = $11, state = v.state,"
                        + " mood = case when v.moved then v.mood else c.mood end,"
                        + " mood_label = case when v.moved then v.label else c.mood_label end,"
                        + " mood_trend = case when v.moved then v.trend::smallint[] else c.mood_trend end"
                        + " from unnest($12::uuid[], $13::bigint[], $14::text[], $15::bool[], $16::float8[],"
                        + " $17::text[], $18::text[]) as v(id, last_seq, state, moved, mood, label, trend)"
                        + " where c.tenant_id = $1 and c.id = v.id")
                .bind(0, tenantId)
                .bind(1, conversationIds)
                .bind(2, seqs)
                .bind(3, ids)
                .bind(4, clientIds)
                .bind(5, senderKinds)
                .bind(6, senderIds)
                .bind(7, visibilities)
                .bind(8, bodies)
                .bind(9, moodScores)
                .bind(10, batch.postedAt)
                .bind(11, touchedIds)
                .bind(12, lastSeqs)
                .bind(13, states)
                .bind(14, moodMoved)
                .bind(15, moodValues)
                .bind(16, moodLabels)
                .bind(17, moodTrends);
        // Posted messages are for reports: they leave with the others of the next 100 ms, while the
        // delivery itself goes to Redis at once.
        return statement.then().then(outbox.appendAll("conversation", events, Outbox.Latency.BATCHED));
    }

    /** Retries of messages stored before this batch: their stored copies, read after the batch's writes. */
    private Mono<List<Result>> retries(UUID tenantId, Batch batch) {
        return Flux.fromIterable(batch.retries)
                .concatMap(retry -> stored(
                                tenantId,
                                retry.draft().conversationId(),
                                Objects.requireNonNull(retry.draft().clientMessageId()),
                                retry.conversation())
                        .doOnNext(frame -> batch.results[retry.index()] =
                                Result.of(new Appended(frame, true, retry.membersToTell(), null))))
                .then(Mono.fromSupplier(() -> List.of(batch.results)));
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
                                // A deactivated or deleted agent is a former agent: history keeps their name.
                                : directory
                                        .tenant(tenantId)
                                        .flatMap(tenant -> tenant.nameOf(senderId))
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
