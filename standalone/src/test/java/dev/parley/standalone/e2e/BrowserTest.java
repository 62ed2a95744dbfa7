package dev.parley.standalone.e2e;

import dev.parley.standalone.DemoSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the browser tests share: all of Parley, the browser, and the demo shop on a free port,
 * its snippet installed for whichever tenant a test makes.
 */
abstract class BrowserTest {

    static DemoSite site;

    final Parley parley = Parley.get();
    final Chromium browser = Chromium.shared();

    @BeforeAll
    static void serveTheShop() {
        site = DemoSite.start(0);
    }

    @AfterAll
    static void closeTheShop() {
        site.close();
    }

    /** A new tenant whose site is the demo shop, with {@code agents} agents; the shop's pages carry its snippet. */
    Tenant tenantOnTheShop(int agents) {
        Tenant tenant = parley.tenant(agents, 3, "PICKUP", site.origin());
        site.install(parley.gatewayA, tenant.siteKey());
        return tenant;
    }
}
