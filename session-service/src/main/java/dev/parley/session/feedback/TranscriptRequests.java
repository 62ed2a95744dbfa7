package dev.parley.session.feedback;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.Caller;
import dev.parley.session.visitor.ContactDetails;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Visitors asking for their chat's transcript by email. Stored as {@code requested}; a sender
 * that reads them (and marks them {@code sent} or {@code failed}) is a later step.
 */
@Component
public class TranscriptRequests {

    private final DatabaseClient db;
    private final TenantTransactions transactions;

    public TranscriptRequests(DatabaseClient db, TenantTransactions transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /** The visitor wants their own conversation's transcript at {@code email}; the request's id. */
    public Mono<UUID> request(Caller visitor, UUID conversationId, @Nullable String email) {
        String address = ContactDetails.email(email);
        UUID id = UUID.randomUUID();
        return transactions.inTenant(visitor.tenantId(), () -> OwnConversation.state(db, visitor, conversationId)
                .flatMap(state -> db.sql("insert into transcript_request (tenant_id, id, conversation_id, visitor_id,"
                                + " email, requested_at) values ($1, $2, $3, $4, $5, $6)")
                        .bind(0, visitor.tenantId())
                        .bind(1, id)
                        .bind(2, conversationId)
                        .bind(3, visitor.principalId())
                        .bind(4, address)
                        .bind(5, Instant.now())
                        .then())
                .thenReturn(id));
    }
}
