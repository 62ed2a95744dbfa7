package dev.parley.tenant.mood;

import dev.parley.tenant.Rows;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code mood_term} table. Every statement names the tenant as well as relying on row-level
 * security, and runs inside the caller's tenant transaction.
 */
@Component
public class MoodTerms {

    private final DatabaseClient db;

    public MoodTerms(DatabaseClient db) {
        this.db = db;
    }

    /** The tenant's terms in alphabetical order. */
    public Mono<List<MoodTerm>> all(UUID tenantId) {
        return db.sql("select term, weight from mood_term where tenant_id = $1 order by term")
                .bind(0, tenantId)
                .map(row -> new MoodTerm(Rows.get(row, "term", String.class), Rows.get(row, "weight", Short.class)))
                .all()
                .collectList();
    }

    /** Replaces the tenant's terms with {@code terms} (unique, validated). */
    public Mono<Void> replace(UUID tenantId, List<MoodTerm> terms) {
        return db.sql("delete from mood_term where tenant_id = $1")
                .bind(0, tenantId)
                .then()
                .then(
                        terms.isEmpty()
                                ? Mono.empty()
                                // One statement for the whole list, however long: two parallel arrays.
                                : db.sql(
                                                "insert into mood_term (tenant_id, term, weight)"
                                                        + " select $1, t.term, t.weight from unnest($2::text[], $3::int[]) as t(term, weight)")
                                        .bind(0, tenantId)
                                        .bind(
                                                1,
                                                terms.stream()
                                                        .map(MoodTerm::term)
                                                        .toArray(String[]::new))
                                        .bind(
                                                2,
                                                terms.stream()
                                                        .map(MoodTerm::weight)
                                                        .toArray(Integer[]::new))
                                        .then());
    }
}
