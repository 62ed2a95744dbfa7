package dev.parley.session.mood;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.delivery.DeliveryPublisher;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.Caller;
import dev.parley.session.delivery.Deliveries;
import dev.parley.session.delivery.Frames;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads a conversation's mood for agents, and tells them after commit when a visitor message moved
 * it: the {@code mood} frame on the conversation's agents-only channel (a visitor's socket is never
 * subscribed to it), and a {@code mood.alert} to every supervisor of the tenant when the chat just
 * turned negative. The score itself is stored with the message, in its transaction (MessageLog).
 */
@Component
public class Moods {

    /** How much of the visitor's message an alert quotes. */
    static final int ALERT_TEXT_MAX = 200;

    private final DatabaseClient db;
    private final TenantTransactions transactions;
    private final Deliveries deliveries;
    private final TenantDirectory directory;
    private final Lexicons lexicons;

    public Moods(
            DatabaseClient db,
            TenantTransactions transactions,
            Deliveries deliveries,
            TenantDirectory directory,
            Lexicons lexicons) {
        this.db = db;
        this.transactions = transactions;
        this.deliveries = deliveries;
        this.directory = directory;
        this.lexicons = lexicons;
    }

    /** The score of a visitor's message in this tenant: its lexicon, the default one with the tenant's terms. */
    public int score(UUID tenantId, String text) {
        return lexicons.of(tenantId).score(text);
    }

    /** The conversation's mood, or empty when the tenant has no such conversation. For agents only. */
    public Mono<Mood> of(UUID tenantId, UUID conversationId) {
        return transactions.inTenant(tenantId, () -> db.sql(
                        "select mood, mood_label, mood_trend from conversation where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, conversationId)
                .map(Mood::of)
                .one());
    }

    /** After commit: the mood frame to the conversation's agents, and the alert when it turned negative. */
    public Mono<Void> announce(UUID tenantId, MoodChange change) {
        return deliveries.publishAll(frames(tenantId, change));
    }

    /** {@link #announce}'s frames, in order, for a batch to publish with its others. */
    public List<DeliveryPublisher.Outgoing> frames(UUID tenantId, MoodChange change) {
        Mood mood = change.after();
        var frame = deliveries.conversationAgentsFrame(
                tenantId,
                change.conversationId(),
                new Frames.Mood(
                        change.conversationId(),
                        change.seq(),
                        change.score(),
                        mood.mood(),
                        mood.label(),
                        mood.trend()));
        if (!change.turnedNegative()) {
            return List.of(frame);
        }
        var alert = new Frames.MoodAlert(
                change.conversationId(),
                change.visitorName(),
                change.agentId(),
                change.departmentId(),
                mood.mood(),
                mood.label(),
                quoted(change.text()));
        List<DeliveryPublisher.Outgoing> frames = new ArrayList<>();
        frames.add(frame);
        directory.tenant(tenantId).map(TenantUpdated::agents).orElse(List.of()).stream()
                .filter(agent -> Caller.supervises(agent.roles()))
                .forEach(agent -> frames.add(deliveries.agentFrame(tenantId, agent.agentId(), alert)));
        return frames;
    }

    private static String quoted(String text) {
        if (text.length() <= ALERT_TEXT_MAX) {
            return text;
        }
        // Never split a surrogate pair: half an emoji is not valid text.
        int end = Character.isHighSurrogate(text.charAt(ALERT_TEXT_MAX - 1)) ? ALERT_TEXT_MAX - 1 : ALERT_TEXT_MAX;
        return text.substring(0, end);
    }
}
