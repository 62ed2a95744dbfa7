package dev.parley.widget.asset.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.HEAD;

import dev.parley.widget.asset.Asset;
import dev.parley.widget.asset.WidgetAssets;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /console}: the agent console's page, a shell that loads the console bundle by its
 * content-hashed name from {@code /widget/}. The shell is revalidated on every load (a release
 * shows at once); the bundle is immutable. The gateway routes {@code /console/**} here.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes {

    /** Scripts only from this origin, nothing framed, no plugins; the console talks to its own origin. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " connect-src 'self' ws: wss:; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none';"
                    + " object-src 'none'";

    @Bean
    RouterFunction<ServerResponse> consolePage(WidgetAssets assets) {
        byte[] page =
                assets.byLogicalName("console.js").map(ConsoleRoutes::page).orElse(null);
        return RouterFunctions.route(
                GET("/console").or(GET("/console/**")).or(HEAD("/console")).or(HEAD("/console/**")),
                request -> page == null
                        ? ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                                .contentType(MediaType.TEXT_PLAIN)
                                .bodyValue("The console was not built")
                        : ServerResponse.ok()
                                .contentType(MediaType.parseMediaType("text/html;charset=utf-8"))
                                .cacheControl(CacheControl.noCache())
                                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                                .header("X-Content-Type-Options", "nosniff")
                                .header("Referrer-Policy", "no-referrer")
                                .bodyValue(page));
    }

    private static byte[] page(Asset console) {
        return ("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Parley console</title>
                <link rel="icon" href="data:,">
                <script defer src="/widget/%s"></script>
                </head>
                <body></body>
                </html>
                """).formatted(console.file()).getBytes(StandardCharsets.UTF_8);
    }
}
