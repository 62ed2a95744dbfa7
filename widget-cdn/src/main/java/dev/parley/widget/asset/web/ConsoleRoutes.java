package dev.parley.widget.asset.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.HEAD;

import dev.parley.widget.asset.Asset;
import dev.parley.widget.asset.WidgetAssets;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /console}: the agent console's page, a shell that loads the console bundle by its
 * content-hashed name from {@code /widget/}. The shell is revalidated on every load (a release
 * shows at once); the bundle is immutable. The gateway routes {@code /console/**} here.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes {

    /**
     * Scripts only from this origin, nothing framed, no plugins; the console talks to its own
     * origin. Images also over https: the widget's header image (a logo, an agent's photo) is an
     * https URL its owner chose, shown on the test page and in the look's preview.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " connect-src 'self' ws: wss:; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'none';"
                    + " object-src 'none'";

    @Bean
    RouterFunction<ServerResponse> consolePage(WidgetAssets assets) {
        var page = Shell.of(assets, "console.js", "Parley console");
        return RouterFunctions.route(
                GET("/console").or(GET("/console/**")).or(HEAD("/console")).or(HEAD("/console/**")),
                request -> page.serve());
    }

    /**
     * An HTML page that loads one bundle by its hashed name, revalidated on every load, under the
     * console's content security policy; 503 when the front-end build did not make the bundle.
     */
    record Shell(String bundle, byte @Nullable [] html) {

        static Shell of(WidgetAssets assets, String logicalName, String title) {
            return new Shell(
                    logicalName,
                    assets.byLogicalName(logicalName)
                            .map(asset -> page(asset, title))
                            .orElse(null));
        }

        Mono<ServerResponse> serve() {
            byte[] page = html;
            return page == null
                    ? ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                            .contentType(MediaType.TEXT_PLAIN)
                            .bodyValue("The front end was not built (" + bundle + ")")
                    : ServerResponse.ok()
                            .contentType(MediaType.parseMediaType("text/html;charset=utf-8"))
                            .cacheControl(CacheControl.noCache())
                            .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                            .header("X-Content-Type-Options", "nosniff")
                            .header("Referrer-Policy", "no-referrer")
                            .bodyValue(page);
        }

        private static byte[] page(Asset asset, String title) {
            return ("""
                    <!doctype html>
                    <html lang="en">
                    <head>
                    <meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>%s</title>
                    <link rel="icon" href="data:,">
                    <script defer src="/widget/%s"></script>
                    </head>
                    <body></body>
                    </html>
                    """).formatted(title, asset.file()).getBytes(StandardCharsets.UTF_8);
        }
    }
}
