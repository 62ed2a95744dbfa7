package dev.parley.tenant.site;

import dev.parley.tenant.Input;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Allowed origins as the gateway compares them with a browser's {@code Origin} header: scheme,
 * host and port only, lower case, the default port left out, as browsers send them.
 */
public final class Origins {

    /** Enough for a shop's domains and staging sites; more is more likely a mistake. */
    static final int MAX = 50;

    private Origins() {}

    /** The origins normalised and de-duplicated in order, or 400 naming the first that is not an origin. */
    public static List<String> parse(String field, @Nullable List<String> values) {
        List<String> given = Input.list(field, values, MAX);
        Set<String> origins = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            origins.add(origin(field + "[" + i + "]", given.get(i)));
        }
        return List.copyOf(origins);
    }

    private static String origin(String field, String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null
                            || uri.getRawPath().isEmpty()
                            || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !bare) {
                throw invalid(field);
            }
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            throw invalid(field);
        }
    }

    private static RuntimeException invalid(String field) {
        return Input.invalid(field + " must be an origin such as https://shop.example (no path)");
    }
}
