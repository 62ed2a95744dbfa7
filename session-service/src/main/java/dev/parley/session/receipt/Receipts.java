package dev.parley.session.receipt;

import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.ReportReceipt;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.Caller;
import dev.parley.session.delivery.Frames;
import dev.parley.session.message.Rejection;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How far each side of a conversation got: the highest message seq the visitor's side and the
 * agents' side have received ({@code delivered}) and shown ({@code read}). A mark only ever rises,
 * read never passes delivered, and a redelivered receipt changes nothing, so the command is
 * idempotent by construction.
 *
 * <p>Whispers and notes take seqs too, and the conversation channel that carries receipts reaches
 * the visitor. So a mark always names a message the visitor could see (visibility {@code all}) or
 * is 0: a reported seq is rounded down to the last such message at or before it. A visitor's
 * receipt naming a seq past the last visitor-visible message, or an agent's past the last seq, is
 * a claim to have seen what that side could not have, and is ignored whole, silently: an answer
 * would tell a visitor whether an agents-only message exists.
 */
@Component
public class Receipts {

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    private final DatabaseClient db;
    private final TenantTransactions transactions;
    private final TenantDirectory directory;

    public Receipts(DatabaseClient db, TenantTransactions transactions, TenantDirectory directory) {
        this.db = db;
        this.transactions = transactions;
        this.directory = directory;
    }

    /** One side's marks. */
    public record Marks(long delivered, long read) {
        static final Marks NONE = new Marks(0, 0);
    }

    /** Both sides' marks, as the history shows them. */
    public record Both(Marks visitor, Marks agent) {}

    /**
     * Raises the reporting side's marks. Emits the {@code receipt} frame to tell the conversation
     * when a mark moved; empty when nothing moved or the receipt was ignored; a {@link Rejection}
     * when the actor does not take part in the conversation (or it does not exist in the tenant).
     */
    public Mono<Frames.Receipt> report(UUID tenantId, ReportReceipt receipt) {
        return transactions
                .inTenant(tenantId, () -> conversation(tenantId, receipt).flatMap(conversation -> {
                    authorize(tenantId, conversation, receipt);
                    Marks claimed = claimed(conversation, receipt);
                    return claimed == null
                            ? Mono.empty()
                            : raise(tenantId, receipt.conversationId(), receipt.side(), claimed);
                }))
                .map(marks -> new Frames.Receipt(
                        receipt.conversationId(),
                        receipt.side().name().toLowerCase(Locale.ROOT),
                        marks.delivered(),
                        marks.read()));
    }

    /** The marks of both sides; 0 for a side that reported nothing yet. */
    public Mono<Both> of(UUID tenantId, UUID conversationId) {
        return transactions.inTenant(tenantId, () -> db.sql("select side, delivered_seq, read_seq from receipt"
                        + " where tenant_id = $1 and conversation_id = $2")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .map(row -> new SideMarks(
                        row.get("side", String.class),
                        new Marks(row.get("delivered_seq", Long.class), row.get("read_seq", Long.class))))
                .all()
                .reduce(
                        new Both(Marks.NONE, Marks.NONE),
                        (both, row) -> row.side().equals("VISITOR")
                                ? new Both(row.marks(), both.agent())
                                : new Both(both.visitor(), row.marks())));
    }

    private record SideMarks(String side, Marks marks) {}

    /**
     * The conversation as a receipt needs it, with the reported marks already rounded down to
     * visitor-visible messages. No row lock: a receipt can only name messages already committed,
     * so it never has to wait for a send, and the upsert below is atomic on its own.
     */
    private record Conversation(
            UUID visitorId,
            @Nullable UUID agentId,
            long lastSeq,
            long lastVisible,
            long deliveredVisible,
            long readVisible) {}

    private Mono<Conversation> conversation(UUID tenantId, ReportReceipt receipt) {
        // Each max() walks the message primary key (tenant, conversation, seq) backwards from the
        // bound and stops at the first visitor-visible message: a few rows, however long the chat.
        String lastVisibleAtOrBefore = "(select coalesce(max(m.seq), 0) from message m"
                + " where m.tenant_id = c.tenant_id and m.conversation_id = c.id and m.visibility = 'ALL'";
        return db.sql("select c.visitor_id, c.agent_id, c.last_seq, "
                        + lastVisibleAtOrBefore + ") as last_visible, "
                        + lastVisibleAtOrBefore + " and m.seq <= $3) as delivered_visible, "
                        + lastVisibleAtOrBefore + " and m.seq <= $4) as read_visible"
                        + " from conversation c where c.tenant_id = $1 and c.id = $2 and c.kind = 'VISITOR'")
                .bind(0, tenantId)
                .bind(1, receipt.conversationId())
                .bind(2, receipt.delivered() == null ? 0L : receipt.delivered())
                .bind(3, receipt.read() == null ? 0L : receipt.read())
                .map(row -> new Conversation(
                        row.get("visitor_id", UUID.class),
                        row.get("agent_id", UUID.class),
                        row.get("last_seq", Long.class),
                        row.get("last_visible", Long.class),
                        row.get("delivered_visible", Long.class),
                        row.get("read_visible", Long.class)))
                .one()
                // Another tenant's conversation is not found in this tenant's transaction, as it should be.
                // An internal chat has no sides to mark: its receipts are ignored, silently.
                .switchIfEmpty(internalChat(tenantId, receipt.conversationId())
                        .flatMap(internal -> internal
                                ? Mono.<Conversation>empty()
                                : Mono.error(new Rejection("not_found", "No such conversation"))));
    }

    private Mono<Boolean> internalChat(UUID tenantId, UUID conversationId) {
        return db.sql("select 1 from conversation where tenant_id = $1 and id = $2 and kind <> 'VISITOR'")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /** The visitor of the conversation, or its assigned agent or a supervisor: those who take part. */
    private void authorize(UUID tenantId, Conversation conversation, ReportReceipt receipt) {
        switch (receipt.side()) {
            case VISITOR -> {
                if (!conversation.visitorId().equals(receipt.actorId())) {
                    throw new Rejection("forbidden", "Not your conversation");
                }
            }
            case AGENT -> {
                TenantUpdated.Agent agent = directory
                        .agent(tenantId, receipt.actorId())
                        .orElseThrow(() -> new Rejection("forbidden", "Not an agent of this tenant"));
                if (!receipt.actorId().equals(conversation.agentId()) && !Caller.supervises(agent.roles())) {
                    throw new Rejection("forbidden", "Only the assigned agent or a supervisor marks receipts");
                }
            }
            default -> throw new Rejection("forbidden", "Receipts come from the visitor or the agents");
        }
    }

    /** The marks to raise to, or null when there is nothing to store (ignored, or nothing past 0). */
    private @Nullable Marks claimed(Conversation conversation, ReportReceipt receipt) {
        long bound = receipt.side() == ParticipantKind.VISITOR ? conversation.lastVisible() : conversation.lastSeq();
        if (beyond(receipt.delivered(), bound) || beyond(receipt.read(), bound)) {
            log.debug(
                    "Ignored a {} receipt past seq {} in conversation {}",
                    receipt.side(),
                    bound,
                    receipt.conversationId());
            return null;
        }
        long read = receipt.read() == null ? 0 : conversation.readVisible();
        long delivered = Math.max(read, receipt.delivered() == null ? 0 : conversation.deliveredVisible());
        return delivered == 0 ? null : new Marks(delivered, read);
    }

    private static boolean beyond(@Nullable Long seq, long bound) {
        return seq != null && seq > bound;
    }

    /** Raises the side's marks to at least {@code claimed}; emits the new marks only when one rose. */
    private Mono<Marks> raise(UUID tenantId, UUID conversationId, ParticipantKind side, Marks claimed) {
        // greatest() keeps both marks from falling and, as each side of it keeps delivered >= read,
        // so does the result. The WHERE leaves an unchanged row alone, and RETURNING then yields
        // nothing: that is how a receipt that moved nothing is told apart.
        return db.sql("insert into receipt as r (tenant_id, conversation_id, side, delivered_seq, read_seq, updated_at)"
                        + " values ($1, $2, $3, $4, $5, $6)"
                        + " on conflict (tenant_id, conversation_id, side) do update"
                        + " set delivered_seq = greatest(r.delivered_seq, excluded.delivered_seq),"
                        + " read_seq = greatest(r.read_seq, excluded.read_seq), updated_at = excluded.updated_at"
                        + " where excluded.delivered_seq > r.delivered_seq or excluded.read_seq > r.read_seq"
                        + " returning delivered_seq, read_seq")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .bind(2, side.name())
                .bind(3, claimed.delivered())
                .bind(4, claimed.read())
                .bind(5, Instant.now())
                .map(row -> new Marks(row.get("delivered_seq", Long.class), row.get("read_seq", Long.class)))
                .one();
    }
}
