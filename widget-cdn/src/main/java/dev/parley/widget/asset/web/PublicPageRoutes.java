package dev.parley.widget.asset.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.HEAD;

import dev.parley.widget.asset.WidgetAssets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Parley's public pages, {@code /pricing}, {@code /signup} and {@code /try} (the test page onboarding opens): the same kind of shell as the
 * console's, loading the {@code site} bundle, which draws the page its path names. The gateway
 * routes all three here.
 */
@Configuration(proxyBeanMethods = false)
class PublicPageRoutes {

    @Bean
    RouterFunction<ServerResponse> publicPages(WidgetAssets assets) {
        var page = ConsoleRoutes.Shell.of(assets, "site.js", "Parley");
        return RouterFunctions.route(
                GET("/pricing")
                        .or(GET("/signup"))
                        .or(GET("/try"))
                        .or(HEAD("/pricing"))
                        .or(HEAD("/signup")),
                request -> page.serve());
    }
}
