package dev.parley.tenant.canned;

import dev.parley.platform.web.ApiException;
import dev.parley.tenant.Constraints;
import dev.parley.tenant.Rows;
import io.r2dbc.spi.Readable;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code canned_response} table, always named with the tenant on top of row-level security.
 * Runs inside the caller's tenant transaction.
 */
@Component
class CannedResponses {

    private static final String COLUMNS = "id, owner_id, shortcut, title, body";

    private final DatabaseClient db;

    CannedResponses(DatabaseClient db) {
        this.db = db;
    }

    /** A stored response and whose it is ({@code null}: shared). */
    record Stored(CannedResponse response, @Nullable UUID ownerId) {}

    /**
     * The tenant's shared responses and {@code agentId}'s own, by shortcut; an own one before a
     * shared one of the same shortcut, as the console completes to the first. Byte order
     * ({@code "C"}): shortcuts are ASCII, and a locale's collation would skip {@code -} and {@code _}.
     */
    Flux<CannedResponse> visibleTo(UUID tenantId, UUID agentId) {
        return db.sql("select " + COLUMNS + " from canned_response"
                        + " where tenant_id = $1 and (owner_id is null or owner_id = $2)"
                        + " order by shortcut collate \"C\", owner_id is null, id")
                .bind(0, tenantId)
                .bind(1, agentId)
                .map(row -> stored(row).response())
                .all();
    }

    /** The response with its owner, or empty when the tenant has none with this id. */
    Mono<Stored> find(UUID tenantId, UUID id) {
        return db.sql("select " + COLUMNS + " from canned_response where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .map(CannedResponses::stored)
                .one();
    }

    /** 409 {@code duplicate_shortcut} when the scope (shared, or the owner's own) has the shortcut. */
    Mono<CannedResponse> insert(UUID tenantId, UUID id, @Nullable UUID ownerId, CannedResponseInput input) {
        GenericExecuteSpec insert = db.sql("insert into canned_response (tenant_id, id, owner_id, shortcut, title,"
                        + " body) values ($1, $2, $3, $4, $5, $6) returning " + COLUMNS)
                .bind(0, tenantId)
                .bind(1, id);
        insert = ownerId == null ? insert.bindNull(2, UUID.class) : insert.bind(2, ownerId);
        return bindContent(insert, 3, input)
                .map(row -> stored(row).response())
                .one()
                .onErrorMap(CannedResponses::duplicate, CannedResponses::conflict);
    }

    /** The changed response; 409 {@code duplicate_shortcut} as for {@link #insert}. */
    Mono<CannedResponse> update(UUID tenantId, UUID id, CannedResponseInput input) {
        GenericExecuteSpec update = db.sql("update canned_response set shortcut = $3, title = $4, body = $5,"
                        + " updated_at = now() where tenant_id = $1 and id = $2 returning " + COLUMNS)
                .bind(0, tenantId)
                .bind(1, id);
        return bindContent(update, 2, input)
                .map(row -> stored(row).response())
                .one()
                .onErrorMap(CannedResponses::duplicate, CannedResponses::conflict);
    }

    Mono<Void> delete(UUID tenantId, UUID id) {
        return db.sql("delete from canned_response where tenant_id = $1 and id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .then();
    }

    private static GenericExecuteSpec bindContent(GenericExecuteSpec spec, int from, CannedResponseInput input) {
        GenericExecuteSpec bound = spec.bind(from, input.shortcut());
        bound = input.title() == null ? bound.bindNull(from + 1, String.class) : bound.bind(from + 1, input.title());
        return bound.bind(from + 2, input.text());
    }

    private static boolean duplicate(Throwable failure) {
        return Constraints.violated(failure, "canned_response_shared_shortcut")
                || Constraints.violated(failure, "canned_response_own_shortcut");
    }

    private static ApiException conflict(Throwable failure) {
        return ApiException.conflict("duplicate_shortcut", "A canned response with this shortcut exists already");
    }

    private static Stored stored(Readable row) {
        UUID ownerId = row.get("owner_id", UUID.class);
        return new Stored(
                new CannedResponse(
                        Rows.get(row, "id", UUID.class),
                        Rows.get(row, "shortcut", String.class),
                        row.get("title", String.class),
                        Rows.get(row, "body", String.class),
                        ownerId == null),
                ownerId);
    }
}
