package dev.parley.tenant.mood;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.tenant.snapshot.TenantSnapshots;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads and replaces the tenant's mood terms. A change publishes the tenant's snapshot in its
 * transaction: session-service scores messages from the snapshot it caches, never asking here.
 */
@Component
public class MoodTermAdministration {

    private final TenantTransactions transactions;
    private final MoodTerms terms;
    private final TenantSnapshots snapshots;

    public MoodTermAdministration(TenantTransactions transactions, MoodTerms terms, TenantSnapshots snapshots) {
        this.transactions = transactions;
        this.terms = terms;
        this.snapshots = snapshots;
    }

    public Mono<List<MoodTerm>> list(UUID tenantId) {
        return transactions.inTenant(tenantId, () -> terms.all(tenantId));
    }

    /** Replaces the whole list; answers it as stored. */
    public Mono<List<MoodTerm>> replace(UUID tenantId, List<MoodTerm> replacement) {
        return transactions.inTenant(tenantId, () -> terms.replace(tenantId, replacement)
                .then(snapshots.publish(tenantId))
                .then(terms.all(tenantId)));
    }
}
