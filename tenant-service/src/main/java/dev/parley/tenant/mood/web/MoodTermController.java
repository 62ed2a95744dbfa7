package dev.parley.tenant.mood.web;

import dev.parley.platform.web.Permission;
import dev.parley.tenant.access.Access;
import dev.parley.tenant.mood.MoodTerm;
import dev.parley.tenant.mood.MoodTermAdministration;
import dev.parley.tenant.mood.MoodTermsInput;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** {@code /api/tenant/mood-terms}: any console user reads the list; owners and admins replace it. */
@RestController
@RequestMapping("/api/tenant/mood-terms")
class MoodTermController {

    private final MoodTermAdministration terms;

    MoodTermController(MoodTermAdministration terms) {
        this.terms = terms;
    }

    record TermList(List<MoodTerm> terms) {}

    @GetMapping
    Mono<TermList> list(ServerWebExchange exchange) {
        return Access.member(exchange)
                .flatMap(caller -> terms.list(caller.tenantId()))
                .map(TermList::new);
    }

    /** Replaces the list: the console sends the whole list it shows. */
    @PutMapping
    Mono<TermList> replace(@RequestBody JsonNode body, ServerWebExchange exchange) {
        return Access.to(exchange, Permission.MANAGE_SETTINGS)
                .flatMap(caller -> terms.replace(caller.tenantId(), MoodTermsInput.parse(body)))
                .map(TermList::new);
    }
}
