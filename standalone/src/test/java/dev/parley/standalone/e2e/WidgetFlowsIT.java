package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.BrowserTab.launcher;
import static dev.parley.standalone.e2e.BrowserTab.panel;
import static dev.parley.standalone.e2e.BrowserTab.panelAll;
import static dev.parley.standalone.e2e.WidgetIT.AGENT_TEXTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The widget's other paths in the browser: the offline form, rating and transcript after a chat,
 * invitations (a site rule and an agent's), the visitor's page views, the JS API, the keyboard
 * alone, a second language and a phone-sized screen.
 */
class WidgetFlowsIT extends BrowserTest {

    private Tenant tenant() {
        return tenantOnTheShop(1);
    }

    @Test
    void withNoAgentOnlineTheVisitorLeavesAnOfflineMessageThatIsStoredForTheConsole() {
        Tenant tenant = tenant();
        try (BrowserTab page = browser.newTab()) {
            page.open(site.url("contact.html"));
            page.click(launcher(".b"));
            page.waitUntil(panel("form textarea[name=message]"));
            // The form checks its fields before anything is sent.
            page.click(panel("form button[type=submit]"));
            page.waitUntil(panel("#parley-error-name") + ".textContent == 'Please fill this in.'");
            page.fill(panel("input[name=name]"), "Ada Lovelace");
            page.fill(panel("input[name=email]"), "not-an-email");
            page.fill(panel("textarea[name=message]"), "Do you ship the trail shoes to Norway?");
            page.click(panel("form button[type=submit]"));
            page.waitUntil(panel("#parley-error-email") + ".textContent.includes('valid email')");
            page.click(panel("input[name=email]"));
            page.eval(panel("input[name=email]") + ".select()");
            page.type("ada@example.test");
            page.click(panel("form button[type=submit]"));
            page.waitUntil(panel(".g") + "?.textContent.includes('got your message')");
        }
        String agentToken = parley.token(tenant.agents().getFirst());
        JsonNode stored = parley.ok(
                        "GET", parley.gatewayA + "/api/session/offline-messages", null, Parley.bearer(agentToken))
                .path("offlineMessages");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(stored.get(0).path("email").asString()).isEqualTo("ada@example.test");
        assertThat(stored.get(0).path("message").asString()).isEqualTo("Do you ship the trail shoes to Norway?");
        assertThat(stored.get(0).path("pageUrl").asString()).isEqualTo(site.url("contact.html"));
    }

    @Test
    void afterTheAgentClosesTheChatTheVisitorRatesItAndAsksForTheTranscript() throws SQLException {
        Tenant tenant = tenant();
        try (BrowserTab page = browser.newTab();
                ChatSocket agent = WidgetIT.onlineAgent(parley, tenant)) {
            String conversation = WidgetIT.startChat(page, agent, site.url(""), "Ada");
            agent.send(LiveChatIT.send(conversation, "a-1", "Anything else?"));
            page.waitUntil(AGENT_TEXTS + ".includes('Anything else?')");
            agent.send(Map.of("type", "conversation.close", "conversationId", conversation));

            page.waitUntil(panel(".r5"));
            page.click(panel(".r5 button[data-score='4']"));
            page.waitUntil(panelAll(".r5 button[aria-checked=true]") + ".length == 4");
            page.fill(panel("textarea[name=comment]"), "Quick and friendly");
            page.click(panel(".r5 ~ button[type=submit]"));
            page.waitUntil(panel(".b") + ".textContent.includes('Thanks for your feedback')");

            page.fill(panel("input[name=email]"), "ada@example.test");
            page.click(panel("input[name=email]") + ".form.querySelector('button[type=submit]')");
            page.waitUntil(panel(".b") + ".textContent.includes('We will email the transcript to ada@example.test')");

            JsonNode rating = parley.ok(
                            "GET",
                            parley.gatewayA + "/api/session/conversations/" + conversation + "/rating",
                            null,
                            Parley.bearer(parley.token(tenant.agents().getFirst())))
                    .path("rating");
            assertThat(rating.path("score").asInt()).isEqualTo(4);
            assertThat(rating.path("comment").asString()).isEqualTo("Quick and friendly");
            assertThat(transcriptRequests(conversation)).containsExactly("ada@example.test requested");
        }
    }

    @Test
    void theVisitorSeesTheirMessageDeliveredThenReadAndTheAgentLearnsWhatTheVisitorRead() {
        Tenant tenant = tenant();
        try (BrowserTab page = browser.newTab();
                ChatSocket agent = WidgetIT.onlineAgent(parley, tenant)) {
            String conversation = WidgetIT.startChat(page, agent, site.url(""), "Ada");
            WidgetIT.visitorSays(page, agent, "Is it in stock?");
            long seq = agent.awaitFrame(frame -> frame.path("text").asString("").equals("Is it in stock?"))
                    .path("seq")
                    .asLong();
            page.waitUntil(panel(".k") + "?.textContent == 'Sent'");
            agent.send(Map.of("type", "receipt", "conversationId", conversation, "delivered", seq));
            page.waitUntil(panel(".k") + "?.textContent == 'Delivered'");
            agent.send(Map.of("type", "receipt", "conversationId", conversation, "delivered", seq, "read", seq));
            page.waitUntil(panel(".k") + "?.textContent == 'Read'");

            agent.send(LiveChatIT.send(conversation, "a-1", "Yes, in all sizes."));
            JsonNode answer =
                    agent.awaitFrame(frame -> frame.path("text").asString("").equals("Yes, in all sizes."));
            // The panel is open and the page visible: the visitor has read it, and the agent is told.
            agent.awaitFrame(frame -> frame.path("type").asString("").equals("receipt")
                    && frame.path("by").asString("").equals("visitor")
                    && frame.path("read").asLong() >= answer.path("seq").asLong());
            assertThat(page.eval(panel(".k") + ".textContent").asString()).isEqualTo("Read");
        }
    }

    @Test
    void aSiteRuleInvitesAVisitorOnAProductPageAndTheInvitationOpensTheChat() {
        Tenant tenant = tenant();
        Map<String, Object> widget = widgetSettings(tenant);
        widget.put(
                "invitations",
                List.of(Map.of(
                        "id",
                        "shoes",
                        "afterSeconds",
                        1,
                        "urlPattern",
                        "/product-*",
                        "message",
                        "Need help with sizes?")));
        widget.put(
                "look",
                Map.of(
                        "label", "Ask us",
                        "color", "#15803d",
                        "position", "left",
                        "icon", "help",
                        "title", "Demo Shop help",
                        "greeting", "Hi! We answer in about a minute."));
        putWidgetSettings(tenant, widget);

        try (BrowserTab page = browser.newTab();
                ChatSocket agent = WidgetIT.onlineAgent(parley, tenant)) {
            // Not on the home page: the rule is for product pages.
            page.open(site.url(""));
            page.waitUntil(launcher(".b") + "?.textContent == 'Ask us'");
            assertThat(page.eval("getComputedStyle(" + launcher(".b") + ").left")
                            .asString())
                    .isEqualTo("20px");
            page.open(site.url("product-trail-shoes.html"));
            page.waitUntil("!" + launcher(".i") + ".hidden");
            assertThat(page.eval(launcher(".it") + ".textContent").asString()).isEqualTo("Need help with sizes?");
            page.screenshot(WidgetIT.SCREENSHOTS.resolve("widget-invitation.png"));
            page.click(launcher(".it"));
            page.waitUntil(panel("input[name=name]"));
            assertThat(page.eval(AGENT_TEXTS + "[0]").asString()).isEqualTo("Need help with sizes?");
            assertThat(page.eval(panel("h2") + ".textContent").asString()).isEqualTo("Demo Shop help");
        }
    }

    @Test
    void anAgentSeesTheVisitorsPagesAndInvitesThemToChat() {
        Tenant tenant = tenant();
        String agentToken = parley.token(tenant.agents().getFirst());
        try (BrowserTab page = browser.newTab();
                ChatSocket agent = WidgetIT.onlineAgent(parley, tenant)) {
            page.countOpenSockets();
            page.open(site.url(""));
            // The first view is reported once the widget has made the visitor (after the page's load).
            await().atMost(Duration.ofSeconds(20)).until(() -> liveVisitors(agentToken)
                    .path(0)
                    .path("currentUrl")
                    .asString("")
                    .equals(site.url("")));
            page.open(site.url("products.html"));
            page.waitUntil(BrowserTab.visible(launcher(".b")));
            JsonNode visitor;
            try {
                visitor = await().atMost(Duration.ofSeconds(20))
                        .until(
                                () -> liveVisitors(agentToken).path(0),
                                found -> found.path("currentUrl").asString("").equals(site.url("products.html")));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                JsonNode live = liveVisitors(agentToken);
                throw new AssertionError(
                        "live visitors " + live + "\npage views "
                                + parley.call(
                                                "GET",
                                                parley.gatewayA + "/api/session/visitors/"
                                                        + live.path(0)
                                                                .path("visitorId")
                                                                .asString("-")
                                                        + "/page-views",
                                                null,
                                                Parley.bearer(agentToken))
                                        .body()
                                + "\n" + page.describe(),
                        e);
            }
            assertThat(visitor.path("pageViews").asInt()).isEqualTo(2);
            assertThat(visitor.path("currentTitle").asString()).isEqualTo("Products · Demo Shop");

            String visitorId = visitor.path("visitorId").asString();
            // An invitation reaches a widget that is connected: wait for the launcher's socket, then send one.
            page.waitUntil("window.openSockets > 0");
            parley.ok(
                    "POST",
                    parley.gatewayA + "/api/session/visitors/" + visitorId + "/invitations",
                    Map.of("message", "Hi! Can I help you find something?"),
                    Parley.bearer(agentToken));
            page.waitUntil("!" + launcher(".i") + ".hidden");
            assertThat(page.eval(launcher(".it") + ".textContent").asString())
                    .endsWith(": Hi! Can I help you find something?");
        }
    }

    @Test
    void thePagesScriptIdentifiesTheVisitorOpensAndClosesThePanelAndHearsItsEvents() {
        tenant();
        try (BrowserTab page = browser.newTab()) {
            page.open(site.url(""));
            page.waitUntil(BrowserTab.visible(launcher(".b")));
            page.eval("window.heard = []; Parley('on', 'open', () => heard.push('open'));"
                    + " Parley('on', 'close', () => heard.push('close'));"
                    + " Parley('identify', {name: 'Grace Hopper', email: 'grace@example.test'}); Parley('open'); 1");
            page.waitUntil(panel("form input[name=name]"));
            page.waitUntil(panel("input[name=name]") + ".value == 'Grace Hopper'");
            assertThat(page.eval(panel("input[name=email]") + ".value").asString())
                    .isEqualTo("grace@example.test");
            page.eval("Parley.close(); 1");
            page.waitUntil(panel(".p") + ".style.display == 'none'");
            assertThat(page.eval("heard.join(',')").asString()).isEqualTo("open,close");
            assertThat(page.eval("Object.keys(window).filter(k => /parley/i.test(k))")
                            .toString())
                    .as("one global, nothing else leaked")
                    .isEqualTo("[\"Parley\"]");
        }
    }

    @Test
    void theWholeChatWorksWithTheKeyboardAlone() {
        Tenant tenant = tenant();
        try (BrowserTab page = browser.newTab();
                ChatSocket agent = WidgetIT.onlineAgent(parley, tenant)) {
            page.open(site.url("contact.html"));
            page.waitUntil(BrowserTab.visible(launcher(".b")));
            for (int i = 0; i < 40 && !launcherFocused(page); i++) {
                page.press("Tab");
            }
            assertThat(launcherFocused(page))
                    .as("the button is reached with Tab")
                    .isTrue();
            page.press("Enter");
            page.waitUntil(panel("input[name=name]") + " === "
                    + "document.querySelector('[data-parley=panel]').shadowRoot.activeElement");
            assertThat(page.eval(panel(".p") + ".getAttribute('role')").asString())
                    .isEqualTo("dialog");
            page.type("Keyboard Kim");
            page.press("Tab");
            page.press("Tab");
            page.press("Enter");
            String conversation = WidgetIT.acceptOffer(agent);
            page.waitUntil(panel("textarea") + " === "
                    + "document.querySelector('[data-parley=panel]').shadowRoot.activeElement");
            page.type("Typed without a mouse");
            page.press("Enter");
            agent.awaitFrame(frame -> frame.path("text").asString("").equals("Typed without a mouse"));
            assertThat(conversation).isNotBlank();
            page.press("Escape");
            page.waitUntil(panel(".p") + ".style.display == 'none'");
            page.waitUntil("document.activeElement?.dataset?.parley == 'launcher'");
        }
    }

    @Test
    void aGermanBrowserGetsTheWidgetInGermanAndAPhoneGetsItFullScreen() {
        Tenant tenant = tenant();
        try (BrowserTab page = browser.newTab();
                ChatSocket agent = WidgetIT.onlineAgent(parley, tenant)) {
            page.language("de-DE,de");
            page.emulatePhone();
            page.open(site.url(""));
            page.click(launcher(".b"));
            page.waitUntil(panel("form button[type=submit]") + "?.textContent == 'Chat starten'");
            assertThat(page.eval(panel(".p") + ".getAttribute('lang')").asString())
                    .isEqualTo("de");
            JsonNode box = page.eval("(r => [r.width, r.height])(" + panel(".p") + ".getBoundingClientRect())");
            assertThat(box.get(0).asInt()).isEqualTo(390);
            assertThat(box.get(1).asInt()).isEqualTo(844);
            page.screenshot(WidgetIT.SCREENSHOTS.resolve("widget-phone-de.png"));
        }
    }

    /** The site's widget settings as the owner's console reads them, ready to change and put back. */
    private Map<String, Object> widgetSettings(Tenant tenant) {
        Map<String, Object> widget = new LinkedHashMap<>();
        parley.ok(
                        "GET",
                        parley.gatewayA + "/api/tenant/sites/" + tenant.siteId() + "/widget",
                        null,
                        Parley.bearer(parley.token(tenant.owner())))
                .properties()
                .forEach(entry -> widget.put(entry.getKey(), entry.getValue()));
        widget.remove("siteKey");
        widget.remove("revision");
        return widget;
    }

    private void putWidgetSettings(Tenant tenant, Map<String, Object> widget) {
        parley.ok(
                "PUT",
                parley.gatewayA + "/api/tenant/sites/" + tenant.siteId() + "/widget",
                widget,
                Parley.bearer(parley.token(tenant.owner())));
    }

    @Test
    void outsideBusinessHoursTheVisitorGetsTheOfflineFormEvenWithAnAgentOnline() {
        Tenant tenant = tenant();
        Map<String, Object> widget = widgetSettings(tenant);
        // Open one minute a week, a day from now: closed at any time this test runs.
        java.time.ZonedDateTime tomorrow =
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusDays(1);
        String day = tomorrow.getDayOfWeek()
                .getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH)
                .toLowerCase(java.util.Locale.ROOT);
        widget.put(
                "hours",
                Map.of("timeZone", "UTC", "week", Map.of(day, List.of(Map.of("from", "03:00", "to", "03:01")))));
        widget.put("offline", Map.of("message", "We are closed now; we answer messages on weekdays."));
        putWidgetSettings(tenant, widget);
        try (BrowserTab page = browser.newTab();
                ChatSocket agent = WidgetIT.onlineAgent(parley, tenant)) {
            page.open(site.url(""));
            page.click(launcher(".b"));
            page.waitUntil(panel("form textarea[name=message]"));
            assertThat(page.eval(panel(".s") + ".textContent").asString())
                    .isEqualTo("We are closed now; we answer messages on weekdays.");
            assertThat(agent.ofType("offer")).as("no chat was requested").isEmpty();
        }
    }

    private JsonNode liveVisitors(String agentToken) {
        return parley.ok("GET", parley.gatewayA + "/api/session/visitors/live", null, Parley.bearer(agentToken))
                .path("visitors");
    }

    private static boolean launcherFocused(BrowserTab page) {
        return page.eval("document.activeElement?.dataset?.parley == 'launcher'")
                .asBoolean(false);
    }

    /** What session-service stored, read as its owner: "email status" per request. */
    private List<String> transcriptRequests(String conversation) throws SQLException {
        var infrastructure = parley.standalone.infrastructure();
        List<String> rows = new ArrayList<>();
        try (var connection = DriverManager.getConnection(
                        infrastructure.jdbcUrl(), infrastructure.ownerUser(), infrastructure.ownerPassword());
                var query = connection.prepareStatement(
                        "select email, status from session.transcript_request where conversation_id = ?::uuid")) {
            query.setString(1, conversation);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1) + " " + result.getString(2));
                }
            }
        }
        return rows;
    }
}
