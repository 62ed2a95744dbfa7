package dev.parley.tenant.rules;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.tenant.snapshot.TenantSnapshots;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads and replaces the tenant's chat rules. A change publishes the tenant's snapshot in its
 * transaction: routing and session apply the rules from the snapshot they cache.
 */
@Component
public class ChatRulesAdministration {

    private final TenantTransactions transactions;
    private final TenantChatRules rules;
    private final TenantSnapshots snapshots;

    public ChatRulesAdministration(TenantTransactions transactions, TenantChatRules rules, TenantSnapshots snapshots) {
        this.transactions = transactions;
        this.rules = rules;
        this.snapshots = snapshots;
    }

    public Mono<ChatRules> find(UUID tenantId) {
        return transactions.inTenant(tenantId, () -> rules.find(tenantId));
    }

    public Mono<ChatRules> replace(UUID tenantId, ChatRules replacement) {
        return transactions.inTenant(tenantId, () -> rules.store(tenantId, replacement)
                .flatMap(stored -> snapshots.publish(tenantId).thenReturn(stored)));
    }
}
