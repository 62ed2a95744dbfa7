package dev.parley.routing.assignment.messaging;

import dev.parley.contracts.Topics;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.routing.assignment.Router;
import dev.parley.routing.decision.messaging.EventInbox;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The tenant's snapshots, in routing's consumer group (one instance decides on each, ADR 12),
 * beside the {@code TenantDirectory} every instance reads them into: chats held or offered by an
 * agent who left the snapshot, or queued in a department that left it, are handed on.
 */
@Component
class TenantStateListener {

    static final String CONSUMER = "routing-service.tenant-state";

    private final EventInbox inbox;
    private final Router router;

    TenantStateListener(EventInbox inbox, Router router) {
        this.inbox = inbox;
        this.router = router;
    }

    @KafkaListener(topics = Topics.TENANT_STATE)
    Mono<Void> onSnapshot(ConsumerRecord<String, byte[]> record) {
        return inbox.receive(record, CONSUMER, data -> switch (data) {
            // The decision reads the snapshot from its configuration (Decisions picks the newest copy).
            case TenantUpdated snapshot -> Optional.of(decision -> router.tenantChanged(decision));
            default -> Optional.empty();
        });
    }
}
