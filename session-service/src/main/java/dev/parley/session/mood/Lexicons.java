package dev.parley.session.mood;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.directory.TenantDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Each tenant's lexicon: the default English one with the tenant's own terms (from its snapshot in
 * the {@link TenantDirectory}) on top. Built once per set of terms and kept, so a message costs a
 * map read; a new snapshot with the same terms (an agent added, say) keeps the built lexicon.
 */
@Component
public class Lexicons {

    private final TenantDirectory directory;
    private final Lexicon defaults = Lexicon.english();
    private final Map<UUID, Built> byTenant = new ConcurrentHashMap<>();

    private record Built(List<TenantUpdated.MoodTerm> terms, Lexicon lexicon) {}

    public Lexicons(TenantDirectory directory) {
        this.directory = directory;
    }

    /** The lexicon that scores the tenant's messages; the default one for a tenant without terms of its own. */
    public Lexicon of(UUID tenantId) {
        List<TenantUpdated.MoodTerm> terms =
                directory.tenant(tenantId).map(TenantUpdated::moodTerms).orElse(List.of());
        if (terms.isEmpty()) {
            byTenant.remove(tenantId);
            return defaults;
        }
        Built built = byTenant.get(tenantId);
        // Snapshots are immutable: the same list object is the same snapshot, no comparison needed.
        if (built != null && built.terms() == terms) {
            return built.lexicon();
        }
        if (built != null && built.terms().equals(terms)) {
            byTenant.put(tenantId, new Built(terms, built.lexicon())); // a newer snapshot, same terms
            return built.lexicon();
        }
        Map<String, Integer> own = new LinkedHashMap<>();
        terms.forEach(term -> own.put(term.term(), term.weight()));
        Built fresh = new Built(terms, defaults.with(own));
        byTenant.put(tenantId, fresh);
        return fresh.lexicon();
    }
}
