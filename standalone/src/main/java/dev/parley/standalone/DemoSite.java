package dev.parley.standalone;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A small shop website with the widget's snippet installed, as a customer's site would have it:
 * a few static pages on their own origin, the loader fetched from the gateway. {@code ./parley
 * start} serves it for the demo tenant; the browser tests serve it for the tenants they make.
 *
 * <p>Pages come from {@code demo-site/} on the class path, each a body put into {@code
 * layout.html}; {@code <!--parley-->} in the layout is where the snippet goes. {@code ?widget=off} serves a page without it, to measure what the
 * snippet costs the page.
 */
public final class DemoSite implements AutoCloseable {

    /** The pages, by path. The first is the home page. */
    static final List<String> PAGES =
            List.of("index.html", "products.html", "product-trail-shoes.html", "contact.html");

    private final Map<String, String> pages;
    private final DisposableServer server;
    /** The snippet in every page, as pasted. */
    private volatile @Nullable String installed;

    private DemoSite(int port) {
        String layout = read("layout.html");
        this.pages = PAGES.stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), page -> render(layout, read(page))));
        this.server = HttpServer.create()
                .host("localhost")
                .port(port)
                .route(routes -> routes.get("/**", (request, response) -> {
                    String path = request.fullPath().replaceFirst("^/", "");
                    String page = path.isEmpty() ? PAGES.getFirst() : path;
                    String html = pages.get(page);
                    if (html == null) {
                        return response.status(HttpResponseStatus.NOT_FOUND)
                                .header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                                .sendString(Mono.just("Not found"))
                                .then();
                    }
                    boolean widget = !request.uri().contains("widget=off");
                    return response.header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                            .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                            .sendString(Mono.just(html.replace("<!--parley-->", widget ? snippet() : "")))
                            .then();
                }))
                .bindNow();
    }

    /** Serves the site on {@code port} (0: a free one) of localhost. */
    public static DemoSite start(int port) {
        return new DemoSite(port);
    }

    /** Puts the snippet for this site key, loaded from this gateway, into every page. */
    public DemoSite install(String gateway, String siteKey) {
        return paste(SNIPPET.replace("GATEWAY", gateway).replace("SITE_KEY", siteKey));
    }

    /** Puts what a business copied from Parley's console into every page, as it would paste it. */
    public DemoSite paste(String snippet) {
        this.installed = snippet;
        return this;
    }

    /** The site's origin, to allow in the tenant's site settings. */
    public String origin() {
        return "http://localhost:" + server.port();
    }

    public String url(String page) {
        return origin() + "/" + page;
    }

    /**
     * What a business pastes into its pages (see widget-cdn's README): keeps calls made before the
     * widget is there, and fetches the loader only once the page has loaded, so that the widget
     * never delays the page's load event.
     */
    String snippet() {
        return Objects.requireNonNull(installed, "no site installed");
    }

    static final String SNIPPET = """
            <script>
            window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};
            (function(d){function l(){var s=d.createElement('script');s.async=true;s.src='GATEWAY/widget/loader.js';\
            s.setAttribute('data-site-key','SITE_KEY');d.head.appendChild(s)}
            d.readyState==='complete'?l():window.addEventListener('load',l)})(document);
            </script>""";

    /** A page is its body, with its title in a first-line comment: {@code <!-- title: Home -->}. */
    private static String render(String layout, String page) {
        Matcher title = TITLE.matcher(page);
        if (!title.lookingAt()) {
            throw new IllegalStateException("A demo page starts with <!-- title: ... -->");
        }
        return layout.replace("{{title}}", title.group(1)).replace("{{body}}", page.substring(title.end()));
    }

    private static final Pattern TITLE = Pattern.compile("<!-- title: (.+?) -->\\n");

    private static String read(String page) {
        try (InputStream in = DemoSite.class.getResourceAsStream("/demo-site/" + page)) {
            if (in == null) {
                throw new IllegalStateException("demo-site/" + page + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
