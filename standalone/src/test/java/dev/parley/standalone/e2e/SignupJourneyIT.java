package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.BrowserTab.launcher;
import static dev.parley.standalone.e2e.BrowserTab.panel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.standalone.DemoSite;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A business as it meets Parley, in headless Chromium: the pricing page, signing up, the
 * verification e-mail (from the local SMTP server), onboarding in the console (the demo shop's
 * address, the snippet copied and pasted into the shop's pages, a test chat answered by the owner), a colleague invited from the Users
 * screen who chooses a password on the e-mailed link's page and answers a chat, and whose console
 * drops to the login page when the owner deactivates her; then the trial running out: the widget offers the offline
 * form and the console says to choose a plan; the owner pays for Pro on the Stripe stand-in's
 * checkout page and the widget takes chats again.
 */
class SignupJourneyIT extends BrowserTest {

    private static final Pattern VERIFY_LINK = Pattern.compile("/console(#verify=pev_[A-Za-z0-9_-]+)");

    @Test
    void aBusinessSignsUpConfirmsItsAddressSetsUpItsSiteAndAnswersATestChatUntilTheTrialEnds() throws Exception {
        String email = "founder-" + UUID.randomUUID() + "@journey.example.test";
        String password = "our first support passphrase";
        try (DemoSite shop = DemoSite.start(0);
                BrowserTab owner = browser.newTab();
                BrowserTab visitor = browser.newTab()) {
            owner.open(parley.gatewayA + "/pricing");
            owner.waitUntil("document.querySelectorAll('.plan').length == 3");
            assertThat(owner.eval("document.querySelector('[data-plan=starter] .price').textContent")
                            .asString())
                    .contains("19");
            owner.click("document.querySelector('[data-plan=trial] a.cta')");
            owner.waitUntil("document.querySelector('form input[name=companyName]')");

            // The form names what is missing before anything is sent.
            owner.click("document.querySelector('form button[type=submit]')");
            owner.waitUntil("document.querySelector('#companyName-error').textContent.includes('required')");
            owner.fill("document.querySelector('input[name=companyName]')", "Journey Bikes");
            owner.fill("document.querySelector('input[name=ownerName]')", "Jo Founder");
            owner.fill("document.querySelector('input[name=email]')", email);
            owner.fill("document.querySelector('input[name=password]')", password);
            owner.click("document.querySelector('form button[type=submit]')");
            owner.waitUntil("document.querySelector('.sent h1')?.textContent == 'Check your inbox'");

            String mail = EmbeddedInfrastructure.shared()
                    .mail()
                    .awaitText(email, "Confirm your e-mail address for Parley", Duration.ofSeconds(20))
                    .orElseThrow();
            var link = VERIFY_LINK.matcher(mail);
            assertThat(link.find()).as("a verification link in the e-mail").isTrue();

            // The link signs the owner in and opens onboarding: the new site has no address yet.
            owner.open(parley.gatewayA + "/console" + link.group(1));
            owner.waitUntil("document.querySelector('.onboarding')");
            owner.waitUntil("document.querySelector('.banner')?.textContent.includes('14 days left')");
            // The business's own website: the demo shop, its address typed as copied from the browser.
            owner.fill("document.querySelector('.onboarding input[name=origin]')", shop.url("products.html"));
            owner.click("document.querySelector('.onboarding form button[type=submit]')");
            owner.waitUntil("document.querySelector('.onboarding form').textContent.match(/Saved|not|Enter/)");
            assertThat(owner.eval("document.querySelector('.onboarding form').textContent")
                            .asString())
                    .contains("Saved: the chat works on " + shop.origin());

            String token = parley.call(
                            "POST",
                            parley.gatewayA + "/api/tenant/auth/login",
                            Map.of("email", email, "password", password),
                            Map.of())
                    .body()
                    .path("accessToken")
                    .asString();
            JsonNode site = parley.ok("GET", parley.gatewayA + "/api/tenant/sites", null, Parley.bearer(token))
                    .path("sites")
                    .get(0);
            String siteKey = site.path("siteKey").asString();
            assertThat(site.path("allowedOrigins").toString()).contains(shop.origin());
            String snippet = owner.eval("document.querySelector('pre.snippet').textContent")
                    .asString();
            assertThat(snippet)
                    .contains("data-site-key','" + siteKey + "'")
                    .contains(parley.gatewayA + "/widget/loader.js");
            // Pasted into every page of the shop, as the business would.
            shop.paste(snippet);
            owner.click("[...document.querySelectorAll('.onboarding button')].find(b => b.textContent == 'Copy')");
            owner.waitUntil(
                    "/Copied|Selected/.test(document.querySelector('.onboarding div [role=status]')?.textContent)");

            // "Send a test chat to yourself": allows Parley's test page, puts the owner online.
            owner.eval("window.open = (url) => { window.opened = url; return null; }");
            owner.click(
                    "[...document.querySelectorAll('.onboarding button')].find(b => b.textContent.startsWith('Send a test chat'))");
            owner.waitUntil("window.opened?.includes('/try?key=')");
            await().atMost(Duration.ofSeconds(20)).until(() -> available(siteKey));

            visitor.open(parley.gatewayA + "/try?key=" + siteKey);
            visitor.click(launcher(".b"));
            visitor.fill(panel("input[name=name]"), "Tess Tester");
            visitor.click(panel("form button[type=submit]"));
            ConsoleIT.accept(owner, "Tess Tester");
            visitor.waitUntil(panel(".s") + ".textContent.includes('Jo Founder')");

            // The owner invites a colleague from Settings → Users; she chooses a password on the
            // e-mailed link's page, goes online, and answers the next visitor while the owner is away.
            String colleague = "agent-" + UUID.randomUUID() + "@journey.example.test";
            owner.click("document.querySelector('[data-view=settings]')");
            owner.click("document.querySelector('[data-screen=users]')");
            owner.waitUntil("document.querySelector('form.invite input[name=email]')");
            owner.fill("document.querySelector('form.invite input[name=email]')", colleague);
            owner.fill("document.querySelector('form.invite input[name=displayName]')", "Kim Colleague");
            owner.click("document.querySelector('form.invite [data-group=departmentIds] input')");
            owner.click("document.querySelector('form.invite button[type=submit]')");
            owner.waitUntil("document.querySelector('[data-invitation=\"" + colleague + "\"]')");
            String invitation = EmbeddedInfrastructure.shared()
                    .mail()
                    .awaitText(colleague, "You are invited to Journey Bikes on Parley", Duration.ofSeconds(20))
                    .orElseThrow();
            var invite = Pattern.compile("/console(#invite=pin_[A-Za-z0-9_-]+)").matcher(invitation);
            assertThat(invite.find()).as("an invitation link in the e-mail").isTrue();
            try (BrowserTab kim = browser.newTab();
                    BrowserTab customer = browser.newTab()) {
                kim.open(parley.gatewayA + "/console" + invite.group(1));
                kim.fill("document.querySelector('input[name=new-password]')", "kim's own passphrase");
                kim.press("Enter");
                kim.waitUntil("document.querySelector('#status')");
                owner.select("document.querySelector('#status')", "offline");
                kim.select("document.querySelector('#status')", "online");
                await().atMost(Duration.ofSeconds(20)).until(() -> available(siteKey));

                customer.open(shop.url("product-trail-shoes.html"));
                customer.click(launcher(".b"));
                customer.fill(panel("input[name=name]"), "Vic Visitor");
                customer.click(panel("form button[type=submit]"));
                ConsoleIT.accept(kim, "Vic Visitor");
                customer.waitUntil(panel(".s") + ".textContent.includes('Kim Colleague')");
                assertThat(kim.exceptions()).isEmpty();

                // Kim leaves the business: deactivated on the Users screen, her console drops to the
                // login page within seconds, saying why, and her password opens nothing more.
                owner.click("document.querySelector('[data-screen=users]')");
                owner.click("document.querySelector('[data-user=\"" + colleague + "\"] [data-action=deactivate]')");
                kim.waitUntil("document.body.textContent.includes('You were signed out')", Duration.ofSeconds(5));
                kim.waitUntil("document.querySelector('input[name=password]')");
            }
            assertThat(parley.call(
                                    "POST",
                                    parley.gatewayA + "/api/tenant/auth/login",
                                    Map.of("email", colleague, "password", "kim's own passphrase"),
                                    Map.of())
                            .status())
                    .isEqualTo(403);

            // The trial runs out (the owner back online, so that only its end makes chats unavailable):
            // the sweep ends it, the widget offers its offline form.
            owner.select("document.querySelector('#status')", "online");
            await().atMost(Duration.ofSeconds(20)).until(() -> available(siteKey));
            endTrial(email);
            await().atMost(Duration.ofSeconds(30)).until(() -> !available(siteKey));
            try (BrowserTab late = browser.newTab()) {
                late.open(shop.url(""));
                late.click(launcher(".b"));
                late.waitUntil(panel("form textarea[name=message]"));
            }
            owner.open(parley.gatewayA + "/console");
            owner.waitUntil(
                    "document.querySelector('.banner.expired')?.textContent.includes('trial or plan has ended')");
            owner.waitUntil(
                    "[...document.querySelectorAll('.banner button')].some(b => b.textContent == 'Choose a plan')");

            // The owner pays: "Choose a plan" opens Billing, Pro goes to the Stripe stand-in's
            // checkout page, a declined card is refused there, the test card pays, and Stripe's way
            // back lands on Billing once the signed webhooks made the plan active.
            owner.click("[...document.querySelectorAll('.banner button')].find(b => b.textContent == 'Choose a plan')");
            owner.waitUntil("document.querySelector('.offer[data-plan=pro] button')");
            owner.click("document.querySelector('.offer[data-plan=pro] button')");
            owner.waitUntil("location.href.includes('/pay/cs_test_') && document.querySelector('input[name=card]')");
            assertThat(owner.eval("document.body.textContent").asString()).contains("Parley Pro");
            payWith(owner, "4000 0000 0000 0002");
            owner.waitUntil("document.querySelector('.error')?.textContent.includes('declined')");
            payWith(owner, "4242 4242 4242 4242");
            owner.waitUntil("location.hash == '#billing' || location.hash == '#billing=paid'");
            owner.waitUntil("document.querySelector('.standing')?.textContent.startsWith('Pro: active')");
            owner.waitUntil("!document.querySelector('.banner')");
            assertThat(owner.eval("document.querySelector('table.invoices td.status').textContent")
                            .asString())
                    .isEqualTo("paid");
            // Back at work: with the owner online, the widget offers a chat again.
            owner.select("document.querySelector('#status')", "online");
            await().atMost(Duration.ofSeconds(20)).until(() -> available(siteKey));
            try (BrowserTab paying = browser.newTab()) {
                paying.open(shop.url(""));
                paying.click(launcher(".b"));
                paying.waitUntil(panel("input[name=name]"));
            }
            assertThat(owner.exceptions()).isEmpty();
            assertThat(visitor.exceptions()).isEmpty();
        }
    }

    /** On the stand-in's checkout page: a card, a future date, a CVC, then Subscribe. */
    private static void payWith(BrowserTab tab, String card) {
        tab.fill("document.querySelector('input[name=card]')", card);
        tab.fill("document.querySelector('input[name=exp]')", "12 / 34");
        tab.fill("document.querySelector('input[name=cvc]')", "123");
        tab.click("document.querySelector('button[name=pay]')");
    }

    private boolean available(String siteKey) {
        return parley.call("GET", parley.gatewayA + "/api/routing/availability/" + siteKey, null, Map.of())
                .body()
                .path("available")
                .asBoolean(false);
    }

    /** The fourteen days passed: the trial's end moved to a minute ago, as the owner of the schema. */
    private void endTrial(String ownerEmail) throws SQLException {
        var infrastructure = parley.standalone.infrastructure();
        try (var connection = DriverManager.getConnection(
                        infrastructure.jdbcUrl(), infrastructure.ownerUser(), infrastructure.ownerPassword());
                var update = connection.prepareStatement(
                        "update tenant.tenant set trial_ends_at = now() - interval '1 minute'"
                                + " where id = (select tenant_id from tenant.app_user where lower(email) = lower(?))")) {
            update.setString(1, ownerEmail);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
