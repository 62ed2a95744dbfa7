package dev.parley.session.visitor.web;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.visitor.VisitorActivity;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The widget reports where its visitor is and who they are; agents see who is on their sites now. */
@RestController
class VisitorActivityEndpoints {

    private final VisitorActivity activity;

    VisitorActivityEndpoints(VisitorActivity activity) {
        this.activity = activity;
    }

    record PageViewReport(
            @Nullable String url,
            @Nullable String title,
            @Nullable String referrer) {}

    @PostMapping("/api/session/visitors/me/page-views")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> pageViewed(@RequestBody PageViewReport report, ServerWebExchange exchange) {
        return visitor(exchange)
                .flatMap(visitor -> activity.pageViewed(visitor, report.url(), report.title(), report.referrer()));
    }

    record Identity(@Nullable String name, @Nullable String email) {}

    @PostMapping("/api/session/visitors/me/identity")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> identify(@RequestBody Identity identity, ServerWebExchange exchange) {
        return visitor(exchange).flatMap(visitor -> activity.identify(visitor, identity.name(), identity.email()));
    }

    record LiveVisitors(List<VisitorActivity.LiveVisitor> visitors) {}

    @GetMapping("/api/session/visitors/live")
    Mono<LiveVisitors> live(ServerWebExchange exchange) {
        return agent(exchange).flatMap(activity::live).map(LiveVisitors::new);
    }

    record PageViews(List<VisitorActivity.PageView> pageViews) {}

    @GetMapping("/api/session/visitors/{id}/page-views")
    Mono<PageViews> pageViews(@PathVariable("id") UUID visitorId, ServerWebExchange exchange) {
        return agent(exchange)
                .flatMap(agent -> activity.pageViews(agent, visitorId))
                .map(PageViews::new);
    }

    private static Mono<Caller> visitor(ServerWebExchange exchange) {
        return Caller.of(exchange)
                .filter(caller -> caller.kind() == Caller.Kind.VISITOR)
                .switchIfEmpty(Mono.error(ApiException.forbidden("Only the widget's visitor reports this")));
    }

    private static Mono<Caller> agent(ServerWebExchange exchange) {
        return Caller.of(exchange)
                .filter(caller -> caller.kind() == Caller.Kind.AGENT)
                .switchIfEmpty(Mono.error(ApiException.forbidden("Only agents see visitors")));
    }
}
