package dev.parley.session.conversation;

import dev.parley.contracts.chat.ConversationClosed;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.session.delivery.Deliveries;
import dev.parley.session.delivery.Frames;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
 * Closes chats nobody wrote in for their tenant's auto-close time (its chat rules, from the tenant
 * snapshot), or {@code parley.session.inactivity-timeout} for a tenant that chose none. Every
 * instance runs it; closing is idempotent, so two instances closing the same chat tell its
 * participants once.
 */
@Component
class InactivitySweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InactivitySweep.class);

    private final DatabaseClient db;
    private final Conversations conversations;
    private final Deliveries deliveries;
    private final SessionProperties properties;
    private final TenantDirectory directory;
    private volatile @Nullable Disposable loop;

    InactivitySweep(
            DatabaseClient db,
            Conversations conversations,
            Deliveries deliveries,
            SessionProperties properties,
            TenantDirectory directory) {
        this.db = db;
        this.conversations = conversations;
        this.deliveries = deliveries;
        this.properties = properties;
        this.directory = directory;
    }

    Mono<Long> sweep() {
        List<TenantUpdated> chosen = directory.tenants().stream()
                .filter(tenant -> tenant.rules().autoCloseMinutes() != null)
                .toList();
        // Bound as text[]: r2dbc-postgresql encodes String[] everywhere, the cast makes them uuids.
        String[] tenants =
                chosen.stream().map(tenant -> tenant.tenantId().toString()).toArray(String[]::new);
        Integer[] seconds = chosen.stream()
                .map(tenant -> Objects.requireNonNull(tenant.rules().autoCloseMinutes()) * 60)
                .toArray(Integer[]::new);
        return db.sql("select tenant_id, conversation_id"
                        + " from inactive_conversations($1, $2, $3::uuid[], $4::int[], 100)")
                .bind(0, Instant.now())
                .bind(1, (int) properties.inactivityTimeout().toSeconds())
                .bind(2, tenants)
                .bind(3, seconds)
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
