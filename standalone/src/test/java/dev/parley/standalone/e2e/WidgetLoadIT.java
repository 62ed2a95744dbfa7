package dev.parley.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.standalone.DemoSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the snippet costs the host page: its load event with and without the widget, in a
 * browser with an empty cache each time (a first visit), measured in the browser. The numbers are
 * printed for docs/benchmarks.md, not asserted; what is asserted is the reason they are small:
 * the snippet fetches the loader, and the loader the launcher, only after the page's load event.
 */
class WidgetLoadIT {

    static final int ROUNDS = 21;

    final Parley parley = Parley.get();
    final Chromium browser = Chromium.shared();

    @Test
    void theSnippetFetchesNothingBeforeThePageHasLoaded() {
        try (DemoSite site = DemoSite.start(0)) {
            Tenant tenant = parley.tenant(1, 3, "PICKUP", site.origin());
            site.install(parley.gatewayA, tenant.siteKey());
            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                // Alternating which goes first, so that neither always meets a warmer machine.
                if (round % 2 == 0) {
                    without.add(loadEvent(site.url("index.html?widget=off"), false));
                    with.add(loadEvent(site.url("index.html"), true));
                } else {
                    with.add(loadEvent(site.url("index.html"), true));
                    without.add(loadEvent(site.url("index.html?widget=off"), false));
                }
            }
            // The first round warms the servers' JIT, not the browser (each visit has a fresh cache).
            without.removeFirst();
            with.removeFirst();
            System.out.printf(
                    Locale.ROOT,
                    "WIDGET-LOAD rounds=%d load_event_start_ms without_widget p50=%.1f max=%.1f;"
                            + " with_widget p50=%.1f max=%.1f; delay_p50_ms=%.1f%n",
                    with.size(),
                    median(without),
                    without.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    median(with),
                    with.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    median(with) - median(without));
        }
    }

    /** Opens the page in a fresh browser context; when its load event fired, in ms after navigation start. */
    private double loadEvent(String url, boolean widget) {
        try (BrowserTab page = browser.newTab()) {
            page.open(url);
            page.waitUntil("performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
            double loadStart = page.eval("performance.getEntriesByType('navigation')[0].loadEventStart")
                    .asDouble();
            if (widget) {
                page.waitUntil(BrowserTab.visible(BrowserTab.launcher(".b")));
                JsonNode beforeLoad = page.eval("(() => { const start ="
                        + " performance.getEntriesByType('navigation')[0].loadEventStart;"
                        + " return performance.getEntriesByType('resource').filter(r => r.startTime < start)"
                        + ".map(r => new URL(r.name).pathname); })()");
                List<String> fetched = new ArrayList<>();
                beforeLoad.forEach(path -> fetched.add(path.asString()));
                assertThat(fetched)
                        .as("nothing of the widget is fetched before the page's load event")
                        .noneMatch(path -> path.startsWith("/widget/"));
                assertThat(page.eval("performance.getEntriesByType('resource').map(r => new URL(r.name).pathname)"
                                        + ".filter(p => p.startsWith('/widget/')).length")
                                .asInt())
                        .as("loader and launcher, after the load event")
                        .isEqualTo(2);
            }
            return loadStart;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
