package dev.parley.tenant.rules;

import io.r2dbc.spi.Readable;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The {@code chat_rules} table, named with the tenant on top of row-level security; runs in the caller's transaction. */
@Component
public class TenantChatRules {

    private final DatabaseClient db;

    public TenantChatRules(DatabaseClient db) {
        this.db = db;
    }

    /** The tenant's rules; {@link ChatRules#NONE} while it has chosen none. */
    public Mono<ChatRules> find(UUID tenantId) {
        return db.sql("select max_chats_per_agent, accept_timeout_seconds, auto_close_minutes from chat_rules"
                        + " where tenant_id = $1")
                .bind(0, tenantId)
                .map(TenantChatRules::rules)
                .one()
                .defaultIfEmpty(ChatRules.NONE);
    }

    public Mono<ChatRules> store(UUID tenantId, ChatRules rules) {
        var statement = db.sql("insert into chat_rules (tenant_id, max_chats_per_agent, accept_timeout_seconds,"
                        + " auto_close_minutes) values ($1, $2, $3, $4) on conflict (tenant_id) do update set"
                        + " max_chats_per_agent = excluded.max_chats_per_agent,"
                        + " accept_timeout_seconds = excluded.accept_timeout_seconds,"
                        + " auto_close_minutes = excluded.auto_close_minutes, updated_at = now()")
                .bind(0, tenantId);
        statement = bind(statement, 1, rules.maxChatsPerAgent());
        statement = bind(statement, 2, rules.acceptTimeoutSeconds());
        statement = bind(statement, 3, rules.autoCloseMinutes());
        return statement.then().thenReturn(rules);
    }

    private static DatabaseClient.GenericExecuteSpec bind(
            DatabaseClient.GenericExecuteSpec statement, int index, @Nullable Integer value) {
        return value == null ? statement.bindNull(index, Integer.class) : statement.bind(index, value);
    }

    private static ChatRules rules(Readable row) {
        return new ChatRules(
                row.get("max_chats_per_agent", Integer.class),
                row.get("accept_timeout_seconds", Integer.class),
                row.get("auto_close_minutes", Integer.class));
    }
}
