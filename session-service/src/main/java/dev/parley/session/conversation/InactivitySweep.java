package dev.parley.session.conversation;

import dev.parley.contracts.chat.ConversationClosed;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.session.delivery.Deliveries;
import dev.parley.session.delivery.Frames;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closes chats nobody wrote in for {@code parley.session.inactivity-timeout}. Every instance runs
 * it; closing is idempotent, so two instances closing the same chat tell its participants once.
 */
@Component
class InactivitySweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InactivitySweep.class);

    private final DatabaseClient db;
    private final Conversations conversations;
    private final Deliveries deliveries;
    private final SessionProperties properties;
    private volatile @Nullable Disposable loop;

    InactivitySweep(
            DatabaseClient db, Conversations conversations, Deliveries deliveries, SessionProperties properties) {
        this.db = db;
        this.conversations = conversations;
        this.deliveries = deliveries;
        this.properties = properties;
    }

    Mono<Long> sweep() {
        Instant before = Instant.now().minus(properties.inactivityTimeout());
        return db.sql("select tenant_id, conversation_id from inactive_conversations($1, 100)")
                .bind(0, before)
                .map(row -> new UUID[] {row.get("tenant_id", UUID.class), row.get("conversation_id", UUID.class)})
                .all()
                .concatMap(ids -> conversations
                        .close(ids[0], ids[1], ParticipantKind.SYSTEM, null, ConversationClosed.Reason.INACTIVE)
                        .flatMap(closed -> deliveries
                                .toConversation(
                                        ids[0],
                                        closed.conversationId(),
                                        new Frames.Closed(closed.conversationId(), "system"))
                                .thenReturn(closed)))
                .count();
    }

    @Override
    public void start() {
        loop = Flux.interval(properties.inactivitySweepInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(failure -> {
                    log.warn("Inactivity sweep failed, next round retries: {}", failure.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null) {
            running.dispose();
        }
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
