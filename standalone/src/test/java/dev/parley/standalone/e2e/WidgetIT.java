package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.BrowserTab.panel;
import static dev.parley.standalone.e2e.BrowserTab.panelAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The website widget in headless Chromium on the demo shop, as a visitor uses it: the real
 * snippet, loader, launcher and panel from widget-cdn through the gateway, against all of
 * Parley. The agent side is driven over the agent protocol. Screenshots go to docs/screenshots.
 */
class WidgetIT extends BrowserTest {

    static final Path SCREENSHOTS =
            Path.of("").toAbsolutePath().resolveSibling("docs").resolve("screenshots");

    /** Agent messages in the panel, in display order: the text without the sender's name. */
    static final String AGENT_TEXTS = panelAll(".m:not(.v):not(.y)") + ".map(m => m.lastChild.textContent)";

    static final String VISITOR_TEXTS = panelAll(".m.v") + ".map(m => m.textContent)";

    @Test
    void aVisitorClicksTheButtonAnswersTheSurveyWaitsInTheQueueAndTalksWithTheAgent() {
        Tenant tenant = tenantOnTheShop(1);
        try (BrowserTab page = browser.newTab();
                ChatSocket agent = onlineAgent(tenant)) {
            page.open(site.url(""));
            page.waitUntil(BrowserTab.visible(BrowserTab.launcher(".b")));
            page.screenshot(SCREENSHOTS.resolve("widget-launcher.png"));

            page.click(BrowserTab.launcher(".b"));
            page.waitUntil(panel("form input[name=name]"));
            page.screenshot(SCREENSHOTS.resolve("widget-survey.png"));
            page.fill(panel("input[name=name]"), "Ada Lovelace");
            page.fill(panel("input[name=email]"), "ada@example.test");
            page.click(panel("form button[type=submit]"));

            page.waitUntil(panel(".s") + ".textContent.includes('number 1 in the queue')");
            String conversation = acceptOffer(agent);
            page.waitUntil(panel(".s") + ".textContent.startsWith('You are chatting with')");

            agent.send(Map.of("type", "typing", "conversationId", conversation, "typing", true));
            page.waitUntil(panel(".t") + ".textContent.includes('is typing')");
            agent.send(LiveChatIT.send(conversation, "a-1", "Hello Ada, how can I help?"));
            page.waitUntil(AGENT_TEXTS + ".includes('Hello Ada, how can I help?')");
            assertThat(page.eval(panel(".t") + ".textContent").asString())
                    .as("a message ends the typing indicator")
                    .isEmpty();

            page.click(panel("textarea"));
            page.type("Where is my order?");
            agent.awaitFrame(frame -> frame.path("type").asString("").equals("typing")
                    && frame.path("sender").path("kind").asString("").equals("visitor")
                    && frame.path("typing").asBoolean(false));
            page.press("Enter");
            JsonNode received =
                    agent.awaitFrame(frame -> frame.path("type").asString("").equals("message")
                            && frame.path("text").asString("").equals("Where is my order?"));
            assertThat(received.path("sender").path("kind").asString()).isEqualTo("visitor");
            page.waitUntil(panelAll(".m.v:not(.q)") + ".length == 1");
            agent.send(LiveChatIT.send(conversation, "a-2", "It ships today."));
            page.waitUntil(AGENT_TEXTS + ".includes('It ships today.')");
            page.screenshot(SCREENSHOTS.resolve("widget-panel.png"));

            assertThat(page.exceptions()).as("no script errors on the page").isEmpty();
        }
    }

    @Test
    void onAnotherPageThePanelReopensWithTheWholeHistoryAndTheChatGoesOn() {
        Tenant tenant = tenantOnTheShop(1);
        try (BrowserTab page = browser.newTab();
                ChatSocket agent = onlineAgent(tenant)) {
            String conversation = startChat(page, agent, site.url(""), "Grace");
            agent.send(LiveChatIT.send(conversation, "a-1", "Welcome, Grace."));
            page.waitUntil(AGENT_TEXTS + ".includes('Welcome, Grace.')");
            visitorSays(page, agent, "Do the trail shoes run small?");

            // A real navigation: the visitor clicks a link of the shop.
            page.eval("document.querySelector('a[href=\"products.html\"]').click()");
            page.waitUntil("location.pathname == '/products.html' && document.readyState == 'complete'");
            page.waitUntil(panel(".p") + "?.style.display !== 'none' && " + panelAll(".m") + ".length > 0");
            page.waitUntil(AGENT_TEXTS + ".join('|') == 'Welcome, Grace.'");
            assertThat(page.eval(VISITOR_TEXTS + ".join('|')").asString()).isEqualTo("Do the trail shoes run small?");

            agent.send(LiveChatIT.send(conversation, "a-2", "They run true to size."));
            page.waitUntil(AGENT_TEXTS + ".join('|') == 'Welcome, Grace.|They run true to size.'");
            visitorSays(page, agent, "Thanks!");
            assertThat(page.eval(VISITOR_TEXTS + ".join('|')").asString())
                    .isEqualTo("Do the trail shoes run small?|Thanks!");
        }
    }

    @Test
    void aKilledSocketReconnectsAndShowsTheFiveMessagesSentMeanwhileOnceEachInOrder() {
        Tenant tenant = parley.tenant(1, 3, "PICKUP", site.origin());
        try (SocketProxy network = new SocketProxy(parley.gatewayA);
                BrowserTab page = browser.newTab();
                ChatSocket agent = onlineAgent(tenant)) {
            site.install(network.url(), tenant.siteKey());
            String conversation = startChat(page, agent, site.url(""), "Linus");
            agent.send(LiveChatIT.send(conversation, "a-0", "before"));
            page.waitUntil(AGENT_TEXTS + ".includes('before')");

            network.refuse(true);
            network.cutAll();
            page.waitUntil(panel(".s") + ".textContent.includes('Reconnecting')");
            List<String> missed =
                    IntStream.rangeClosed(1, 5).mapToObj(i -> "missed " + i).toList();
            for (int i = 0; i < missed.size(); i++) {
                agent.send(LiveChatIT.send(conversation, "a-" + (i + 1), missed.get(i)));
            }
            // All five are stored before the visitor can come back.
            agent.awaitFrame(frame -> frame.path("type").asString("").equals("message")
                    && frame.path("text").asString("").equals("missed 5"));
            network.refuse(false);

            page.waitUntil(AGENT_TEXTS + ".includes('missed 5')", java.time.Duration.ofSeconds(40));
            page.waitUntil("!" + panel(".s") + ".textContent.includes('Reconnecting')");
            assertThat(page.eval(AGENT_TEXTS + ".join('|')").asString())
                    .isEqualTo("before|" + String.join("|", missed));
            agent.send(LiveChatIT.send(conversation, "a-6", "after"));
            page.waitUntil(AGENT_TEXTS + ".includes('after')");
            assertThat(page.eval(AGENT_TEXTS + ".join('|')").asString())
                    .isEqualTo("before|" + String.join("|", missed) + "|after");
        }
    }

    @Test
    void markupSentByTheAgentOrTheVisitorIsShownAsTextAndRunsNothing() {
        Tenant tenant = tenantOnTheShop(1);
        String attack = "<img src=x onerror=alert(1)>";
        try (BrowserTab page = browser.newTab();
                ChatSocket agent = onlineAgent(tenant)) {
            String conversation = startChat(page, agent, site.url(""), "<b>Mallory</b>");
            agent.send(LiveChatIT.send(conversation, "a-1", attack));
            page.waitUntil(AGENT_TEXTS + ".includes(" + ChatSocket.JSON.writeValueAsString(attack) + ")");
            visitorSays(page, agent, attack);
            page.waitUntil(panelAll(".m.v:not(.q)") + ".length == 1");

            assertThat(page.eval(VISITOR_TEXTS + "[0]").asString()).isEqualTo(attack);
            assertThat(page.eval(panelAll("img") + ".length + document.querySelectorAll('img').length")
                            .asInt())
                    .as("no element was made from message text")
                    .isZero();
            assertThat(page.dialogs()).as("no alert ran").isEmpty();
            // The agent saw the visitor's name as typed, not as markup.
            assertThat(agent.ofType("message").stream()
                            .filter(m ->
                                    m.path("sender").path("kind").asString("").equals("visitor"))
                            .map(m -> m.path("text").asString()))
                    .containsExactly(attack);
        }
    }

    // --- helpers ---

    private ChatSocket onlineAgent(Tenant tenant) {
        return onlineAgent(parley, tenant);
    }

    /** The tenant's first agent on gateway B, online, once routing counts them as available. */
    static ChatSocket onlineAgent(Parley parley, Tenant tenant) {
        ChatSocket agent =
                parley.agentSocket(parley.gatewayB, parley.token(tenant.agents().getFirst()));
        agent.awaitType("welcome");
        agent.send(Map.of("type", "presence.set", "status", "online"));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> parley.call(
                                "GET",
                                parley.gatewayA + "/api/routing/availability/" + tenant.siteKey(),
                                null,
                                Map.of())
                        .body()
                        .path("available")
                        .asBoolean(false));
        return agent;
    }

    /** Waits for an offer (or the pick-up queue) and takes it; the conversation's id. */
    static String acceptOffer(ChatSocket agent) {
        JsonNode offer =
                agent.awaitFrame(frame -> frame.path("type").asString("").equals("offer"));
        String conversation = offer.path("conversationId").asString();
        agent.send(Map.of("type", "offer.accept", "conversationId", conversation));
        agent.awaitFrame(frame -> frame.path("type").asString("").equals("conversation.assigned")
                && frame.path("conversationId").asString("").equals(conversation));
        return conversation;
    }

    /** Opens the page, the panel, answers the survey and has the agent accept: the conversation. */
    static String startChat(BrowserTab page, ChatSocket agent, String url, String name) {
        page.open(url);
        page.click(BrowserTab.launcher(".b"));
        page.fill(panel("input[name=name]"), name);
        page.click(panel("form button[type=submit]"));
        String conversation = acceptOffer(agent);
        page.waitUntil(panel(".s") + ".textContent.startsWith('You are chatting with')");
        return conversation;
    }

    /** The visitor types a message and presses Enter; waits until the agent has it. */
    static void visitorSays(BrowserTab page, ChatSocket agent, String text) {
        page.click(panel("textarea"));
        page.type(text);
        page.press("Enter");
        agent.awaitFrame(frame -> frame.path("type").asString("").equals("message")
                && frame.path("text").asString("").equals(text));
    }

    /** The visitor types a message into the open panel and presses Enter; waits until it is stored (no longer pending). */
    static void visitorSaysTo(BrowserTab page, String text) {
        page.click(panel(".c textarea"));
        page.type(text);
        page.press("Enter");
        page.waitUntil(panelAll(".m.v:not(.q)") + ".some(m => m.textContent == "
                + ChatSocket.JSON.writeValueAsString(text) + ")");
    }
}
