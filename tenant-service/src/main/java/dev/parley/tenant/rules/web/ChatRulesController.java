package dev.parley.tenant.rules.web;

import dev.parley.platform.web.Permission;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.rules.ChatRules;
import dev.parley.tenant.rules.ChatRulesAdministration;
import dev.parley.tenant.rules.ChatRulesInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** {@code /api/tenant/chat-rules}: owners and admins read and replace the tenant's chat rules. */
@RestController
@RequestMapping("/api/tenant/chat-rules")
class ChatRulesController {

    private final ChatRulesAdministration rules;

    ChatRulesController(ChatRulesAdministration rules) {
        this.rules = rules;
    }

    @GetMapping
    Mono<ChatRules> find(ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS).flatMap(caller -> rules.find(caller.tenantId()));
    }

    /** Replaces all three: the console sends the whole form. */
    @PutMapping
    Mono<ChatRules> replace(@RequestBody JsonNode body, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS)
                .flatMap(caller -> rules.replace(caller.tenantId(), ChatRulesInput.parse(body)));
    }
}
