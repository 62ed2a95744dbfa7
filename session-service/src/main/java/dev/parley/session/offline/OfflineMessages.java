package dev.parley.session.offline;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.visitor.ContactDetails;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages visitors leave when nobody can answer them live, for the site's agents to answer by
 * email later and mark handled.
 */
@Component
public class OfflineMessages {

    public static final int MAX_MESSAGE = 4000;
    public static final int MAX_PAGE_URL = 2048;
    public static final int MAX_ANSWERS = 20;
    public static final int MAX_ANSWER = 500;
    private static final int MAX_FIELD = 64;
    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {};

    private final DatabaseClient db;
    private final TenantTransactions transactions;
    private final JsonMapper json;

    public OfflineMessages(DatabaseClient db, TenantTransactions transactions, JsonMapper json) {
        this.db = db;
        this.transactions = transactions;
        this.json = json;
    }

    /** A message as the agents' inbox shows it. */
    public record OfflineMessage(
            UUID id,
            UUID visitorId,
            String name,
            String email,
            String message,
            Map<String, String> answers,
            @Nullable String pageUrl,
            Instant createdAt,
            boolean handled) {}

    /** The visitor's message, stored for their site; its id. */
    public Mono<UUID> leave(
            Caller visitor,
            @Nullable String name,
            @Nullable String email,
            @Nullable String message,
            @Nullable Map<String, String> answers,
            @Nullable String pageUrl) {
        String cleanName = ContactDetails.name(name);
        String cleanEmail = ContactDetails.email(email);
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > MAX_MESSAGE) {
            throw ApiException.badRequest("invalid", "message must have 1 to " + MAX_MESSAGE + " characters");
        }
        Map<String, String> cleanAnswers = cleaned(answers == null ? Map.of() : answers);
        if (pageUrl != null && pageUrl.length() > MAX_PAGE_URL) {
            throw ApiException.badRequest("invalid", "pageUrl must be at most " + MAX_PAGE_URL + " characters");
        }
        UUID id = UUID.randomUUID();
        return transactions.inTenant(visitor.tenantId(), () -> {
            // The site is the visitor's own, read in the insert: nothing the client sends decides it.
            GenericExecuteSpec insert = db.sql("insert into offline_message (tenant_id, id, site_id, visitor_id, name,"
                            + " email, message, answers, page_url, created_at)"
                            + " select v.tenant_id, $2, v.site_id, v.id, $4, $5, $6, $7, $8, $9 from visitor v"
                            + " where v.tenant_id = $1 and v.id = $3")
                    .bind(0, visitor.tenantId())
                    .bind(1, id)
                    .bind(2, visitor.principalId())
                    .bind(3, cleanName)
                    .bind(4, cleanEmail)
                    .bind(5, text)
                    .bind(6, Json.of(json.writeValueAsBytes(cleanAnswers)))
                    .bind(8, Instant.now());
            insert = pageUrl == null ? insert.bindNull(7, String.class) : insert.bind(7, pageUrl);
            return insert.fetch()
                    .rowsUpdated()
                    .flatMap(inserted ->
                            inserted == 0 ? Mono.error(ApiException.unauthorized("Unknown visitor")) : Mono.just(id));
        });
    }

    /** The agent's tenant's messages, newest first. */
    public Mono<List<OfflineMessage>> recent(Caller agent, int limit) {
        return transactions.inTenant(agent.tenantId(), () -> db.sql("select id, visitor_id, name, email, message,"
                        + " answers::text as answers, page_url, created_at, handled_at from offline_message"
                        + " where tenant_id = $1 order by created_at desc limit $2")
                .bind(0, agent.tenantId())
                .bind(1, limit)
                .map(this::offlineMessage)
                .all()
                .collectList());
    }

    /** An agent answered it; marking it again keeps the first agent and time. 404 for another tenant's id. */
    public Mono<Void> handled(Caller agent, UUID id) {
        return transactions.inTenant(agent.tenantId(), () -> db.sql("update offline_message"
                        + " set handled_at = coalesce(handled_at, $3), handled_by = coalesce(handled_by, $4)"
                        + " where tenant_id = $1 and id = $2")
                .bind(0, agent.tenantId())
                .bind(1, id)
                .bind(2, Instant.now())
                .bind(3, agent.principalId())
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated == 0
                        ? Mono.error(ApiException.notFound("not_found", "No such offline message"))
                        : Mono.empty()));
    }

    private OfflineMessage offlineMessage(Readable row) {
        String answers = row.get("answers", String.class);
        return new OfflineMessage(
                row.get("id", UUID.class),
                row.get("visitor_id", UUID.class),
                row.get("name", String.class),
                row.get("email", String.class),
                row.get("message", String.class),
                answers == null ? Map.of() : json.readValue(answers, ANSWERS),
                row.get("page_url", String.class),
                row.get("created_at", Instant.class),
                row.get("handled_at", Instant.class) != null);
    }

    private static Map<String, String> cleaned(Map<String, String> answers) {
        if (answers.size() > MAX_ANSWERS) {
            throw ApiException.badRequest("invalid", "At most " + MAX_ANSWERS + " answers");
        }
        Map<String, String> cleaned = new LinkedHashMap<>();
        answers.forEach((field, answer) -> {
            if (field.isBlank() || field.length() > MAX_FIELD || answer == null || answer.length() > MAX_ANSWER) {
                throw ApiException.badRequest(
                        "invalid", "Answer '" + field + "' must be at most " + MAX_ANSWER + " characters");
            }
            cleaned.put(field, answer.strip());
        });
        return cleaned;
    }
}
