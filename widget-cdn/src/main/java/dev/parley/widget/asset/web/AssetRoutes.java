package dev.parley.widget.asset.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import dev.parley.platform.web.ApiError;
import dev.parley.widget.asset.Asset;
import dev.parley.widget.asset.WidgetAssets;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /widget/loader.js}: the stable name the snippet points at, cached for minutes so a new
 * release reaches pages soon. {@code /widget/<name>.<hash>.js}: cached for a year, never
 * revalidated, since a new build gets a new name. Both are public to any page ({@code *}).
 */
@Configuration(proxyBeanMethods = false)
class AssetRoutes {

    static final String LOADER = "loader.js";
    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=utf-8");
    private static final CacheControl IMMUTABLE =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    private static final CacheControl SHORT =
            CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    @Bean
    RouterFunction<ServerResponse> widgetRoutes(WidgetAssets assets) {
        return RouterFunctions.route(GET("/widget/" + LOADER), request -> assets.byLogicalName(LOADER)
                        .map(loader -> serve(request, loader, SHORT))
                        .orElseGet(AssetRoutes::notFound))
                .andRoute(GET("/widget/{file}"), request -> assets.byFile(request.pathVariable("file"))
                        .map(asset -> serve(request, asset, IMMUTABLE))
                        .orElseGet(AssetRoutes::notFound))
                .andRoute(path("/widget/**"), request -> notFound());
    }

    private static Mono<ServerResponse> serve(ServerRequest request, Asset asset, CacheControl cache) {
        Asset.Variant variant = asset.variantFor(request.headers().firstHeader(HttpHeaders.ACCEPT_ENCODING));
        return ServerResponse.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(cache)
                .eTag(asset.file() + (variant.encoding() == null ? "" : "-" + variant.encoding()))
                .headers(headers -> {
                    headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
                    headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
                    headers.set("Cross-Origin-Resource-Policy", "cross-origin");
                    headers.set("X-Content-Type-Options", "nosniff");
                    if (variant.encoding() != null) {
                        headers.set(HttpHeaders.CONTENT_ENCODING, variant.encoding());
                    }
                })
                .contentLength(variant.body().length)
                .bodyValue(variant.body());
    }

    private static Mono<ServerResponse> notFound() {
        return ServerResponse.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .bodyValue(new ApiError("not_found", "No such widget file"));
    }
}
