package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.BrowserTab.launcher;
import static dev.parley.standalone.e2e.BrowserTab.panel;
import static dev.parley.standalone.e2e.WidgetIT.AGENT_TEXTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The agent console at /console in headless Chromium, next to the demo shop's widget in another
 * browser context: agents and supervisors use the console as people do, the visitor uses the
 * widget. Screenshots of the queue, a chat with its mood and the supervisor view go to
 * docs/screenshots.
 */
class ConsoleIT extends BrowserTest {

    private Tenant tenant(int agents) {
        return tenantOnTheShop(agents);
    }

    /** Logs in on the console and goes online; returns when routing counts the agent as available. */
    private BrowserTab console(Tenant tenant, Tenant.Login login, boolean online) {
        return console(tenant, login, online ? 1 : 0);
    }

    /** ... and, when {@code agentsOnline} is above 0, waits until routing counts that many agents online. */
    private BrowserTab console(Tenant tenant, Tenant.Login login, int agentsOnline) {
        BrowserTab tab = browser.newTab();
        // Desktop notifications, granted as a user would, and recorded: headless Chromium shows none.
        tab.beforeEveryPage("window.shown = []; window.Notification = class {"
                + " static permission = 'granted'; static requestPermission() { return Promise.resolve('granted'); }"
                + " constructor(title, options) { window.shown.push(title + ': ' + (options && options.body)); } };");
        tab.open(parley.gatewayA + "/console");
        tab.fill("document.querySelector('input[name=email]')", login.email());
        tab.fill("document.querySelector('input[name=password]')", login.password());
        tab.press("Enter");
        tab.waitUntil("document.querySelector('#status')");
        if (agentsOnline > 0) {
            tab.select("document.querySelector('#status')", "online");
            await().atMost(Duration.ofSeconds(20)).until(() -> parley.call(
                            "GET", parley.gatewayA + "/api/routing/availability/" + tenant.siteKey(), null, Map.of())
                    .body()
                    .path("available")
                    .asBoolean(false));
        }
        return tab;
    }

    /** The visitor opens the widget on the demo shop and asks to chat. */
    private static void visitorAsks(BrowserTab visitor, String name) {
        visitor.open(site.url("products.html"));
        visitor.click(launcher(".b"));
        visitor.fill(panel("input[name=name]"), name);
        visitor.click(panel("form button[type=submit]"));
        visitor.waitUntil(panel(".s") + ".textContent.includes('in the queue')");
    }

    private static String text(BrowserTab tab, String expression) {
        return tab.eval(expression).asString("");
    }

    private static final String CONSOLE_TEXTS =
            "[...document.querySelectorAll('.messages .msg .text')].map(e => e.textContent)";

    /** Accepts the visitor's request in the console; waits until the chat is open. */
    static void accept(BrowserTab console, String visitorName) {
        console.click("[...document.querySelectorAll('.queue .entry')].find(e => e.textContent.includes("
                + ChatSocket.JSON.writeValueAsString(visitorName) + "))?.querySelector('.accept')");
        console.waitUntil("document.querySelector('.chathead h2')?.textContent == "
                + ChatSocket.JSON.writeValueAsString(visitorName));
    }

    private static void consoleSays(BrowserTab console, String text) {
        console.click("document.querySelector('.composer textarea')");
        console.type(text);
        console.press("Enter");
    }

    @Test
    void anAgentGoesOnlineSeesTheVisitorWaitAcceptsAndTheyTalk() {
        Tenant tenant = tenant(1);
        try (BrowserTab console = console(tenant, tenant.agents().getFirst(), true);
                BrowserTab visitor = browser.newTab()) {
            visitorAsks(visitor, "Ada Lovelace");
            console.waitUntil("document.querySelector('.queue .entry .wait')");
            int first = seconds(text(console, "document.querySelector('.queue .entry .wait').textContent"));
            console.waitUntil("(t => t.split(':').reduce((m, x) => m * 60 + Number(x), 0))("
                    + "document.querySelector('.queue .entry .wait').textContent) >= " + (first + 2));
            assertThat(text(console, "document.querySelector('.queue .entry').textContent"))
                    .contains("Ada Lovelace")
                    .contains("/products.html");
            assertThat(console.eval("window.shown").toString())
                    .as("a desktop notification for the new request")
                    .contains("New chat request: Ada Lovelace");
            console.screenshot(WidgetIT.SCREENSHOTS.resolve("console-queue.png"));

            accept(console, "Ada Lovelace");
            visitor.waitUntil(panel(".s") + ".textContent.startsWith('You are chatting with')");
            consoleSays(console, "Hello Ada, how can I help?");
            visitor.waitUntil(AGENT_TEXTS + ".includes('Hello Ada, how can I help?')");
            visitor.click(panel(".c textarea"));
            visitor.type("Do you have");
            console.waitUntil("document.querySelector('.typing').textContent.includes('is typing')");
            visitor.type(" the shoes in 42?");
            visitor.press("Enter");
            console.waitUntil(CONSOLE_TEXTS + ".includes('Do you have the shoes in 42?')");
            assertThat(console.exceptions()).isEmpty();
        }
    }

    @Test
    void anAgentWhoseAccessTokenRanOutStaysSignedInAndLoggingOutEndsTheSession() {
        Tenant tenant = tenant(1);
        try (BrowserTab console = console(tenant, tenant.agents().getFirst(), false)) {
            String first = text(console, "sessionStorage.getItem('parley.console.refresh')");
            assertThat(first).startsWith("prt_");

            // The tab comes back after its access token ran out (as after a lunch break): the
            // console renews it with the refresh token instead of asking for the password.
            console.eval("sessionStorage.setItem('parley.console.token',"
                    + " 'x.' + btoa(JSON.stringify({sub: 'expired', exp: 1})) + '.y'), true");
            console.open(parley.gatewayA + "/console");
            console.waitUntil("document.querySelector('#status')");
            String second = text(console, "sessionStorage.getItem('parley.console.refresh')");
            assertThat(second).startsWith("prt_").isNotEqualTo(first);
            assertThat(text(console, "document.querySelector('input[name=password]') ? 'login' : 'console'"))
                    .isEqualTo("console");
            String renewed = text(console, "sessionStorage.getItem('parley.console.token')");
            assertThat(parley.call(
                                    "GET",
                                    parley.gatewayA + "/api/tenant/users",
                                    null,
                                    Map.of("Authorization", "Bearer " + renewed))
                            .status())
                    .as("the renewed access token is accepted at the gateway")
                    .isEqualTo(200);

            console.click("[...document.querySelectorAll('button.link')].find(b => b.textContent == 'Log out')");
            console.waitUntil("document.querySelector('input[name=password]')");
            assertThat(text(console, "String(sessionStorage.getItem('parley.console.refresh'))"))
                    .isEqualTo("null");
            // Logging out ended the session on the server: the refresh token the tab held is dead.
            await().atMost(Duration.ofSeconds(10)).until(() -> parley.call(
                            "POST",
                            parley.gatewayA + "/api/tenant/auth/refresh",
                            Map.of("refreshToken", second),
                            Map.of())
                    .body()
                    .path("code")
                    .asString("")
                    .equals("refresh_token_revoked"));
            assertThat(console.exceptions()).isEmpty();
        }
    }

    @Test
    void anAgentWhoForgotThePasswordSetsANewOneThroughTheEmailedLink() throws Exception {
        Tenant tenant = tenant(1);
        Tenant.Login agent = tenant.agents().getFirst();
        try (BrowserTab tab = browser.newTab()) {
            tab.open(parley.gatewayA + "/console");
            tab.click("[...document.querySelectorAll('button.link')].find(b => b.textContent == 'Forgot password?')");
            tab.fill("document.querySelector('input[name=email]')", agent.email());
            tab.press("Enter");
            tab.waitUntil("document.querySelector('p.note').textContent.includes('on its way')");

            // The e-mail went to the local SMTP server, as it would to the agent's inbox.
            var mail = dev.parley.infra.EmbeddedInfrastructure.shared().mail();
            String body = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> mail.received().stream()
                                    .filter(message -> {
                                        try {
                                            return java.util.Arrays.toString(message.getAllRecipients())
                                                    .contains(agent.email());
                                        } catch (jakarta.mail.MessagingException e) {
                                            return false;
                                        }
                                    })
                                    .map(message -> {
                                        try {
                                            return String.valueOf(message.getContent());
                                        } catch (Exception e) {
                                            return "";
                                        }
                                    })
                                    .findFirst()
                                    .orElse(""),
                            text -> text.contains("#reset="));
            var link = java.util.regex.Pattern.compile("/console(#reset=prr_[A-Za-z0-9_-]+)")
                    .matcher(body);
            assertThat(link.find()).isTrue();

            tab.open(parley.gatewayA + "/console" + link.group(1));
            tab.fill("document.querySelector('input[name=new-password]')", "the new shift passphrase");
            tab.press("Enter");
            tab.waitUntil("document.querySelector('p.error')?.textContent.includes('new password is set')");
            tab.fill("document.querySelector('input[name=email]')", agent.email());
            tab.fill("document.querySelector('input[name=password]')", "the new shift passphrase");
            tab.press("Enter");
            tab.waitUntil("document.querySelector('#status')");
            assertThat(parley.call(
                                    "POST",
                                    parley.gatewayA + "/api/tenant/auth/login",
                                    Map.of("email", agent.email(), "password", agent.password()),
                                    Map.of())
                            .status())
                    .as("the old password no longer works")
                    .isEqualTo(401);
            assertThat(tab.exceptions()).isEmpty();
        }
    }

    @Test
    void slashGreetAndTabExpandTheCannedResponseWithTheVisitorsName() {
        Tenant tenant = tenant(1);
        parley.ok(
                "POST",
                parley.gatewayA + "/api/tenant/canned-responses",
                Map.of(
                        "shortcut", "greet",
                        "title", "Greeting",
                        "text", "Hello {visitor.name}, I'm {agent.name}. How can I help?",
                        "shared", true),
                Parley.bearer(parley.token(tenant.owner())));
        try (BrowserTab console = console(tenant, tenant.agents().getFirst(), true);
                BrowserTab visitor = browser.newTab()) {
            visitorAsks(visitor, "Grace");
            accept(console, "Grace");
            console.click("document.querySelector('.composer textarea')");
            console.type("/greet");
            console.press("Tab");
            console.waitUntil("document.querySelector('.composer textarea').value == "
                    + "\"Hello Grace, I'm Anna. How can I help?\"");
            console.press("Enter");
            visitor.waitUntil(AGENT_TEXTS + ".includes(\"Hello Grace, I'm Anna. How can I help?\")");

            // An agent's own canned response, made in the console, works the same way. The editor is
            // in Settings, whose screens load on demand from a bundle of their own.
            console.click("document.querySelector('[data-view=settings]')");
            console.waitUntil("document.querySelector('[data-screen=canned][aria-selected=true]')");
            assertThat(console.eval("[...document.querySelectorAll('[data-screen]')].map(e => e.dataset.screen)")
                            .toString())
                    .as("an agent sees only the screens for agents")
                    .doesNotContain("mood-terms");
            console.fill("document.querySelector('.cannedform input[name=shortcut]')", "bye");
            console.fill("document.querySelector('.cannedform textarea[name=text]')", "Goodbye {visitor.name}!");
            console.click("document.querySelector('.cannedform button[type=submit]')");
            console.waitUntil("[...document.querySelectorAll('.canned td')].some(td => td.textContent == '/bye')");
            console.click("document.querySelector('[data-view=chats]')");
            console.click("document.querySelector('.composer textarea')");
            console.type("/bye");
            console.press("Tab");
            console.waitUntil("document.querySelector('.composer textarea').value == 'Goodbye Grace!'");
        }
    }

    @Test
    void anOwnersSettingsLoadOnlyWhenOpenedAndSaveTheTenantsMoodTerms() {
        Tenant tenant = tenant(1);
        try (BrowserTab owner = console(tenant, tenant.owner(), false)) {
            String settingsScript = "[...document.scripts].some(s => s.src.includes('/widget/console-settings.'))";
            assertThat(owner.eval(settingsScript).asBoolean(true))
                    .as("the settings screens are not part of the console's first load")
                    .isFalse();
            owner.click("document.querySelector('[data-view=settings]')");
            owner.click("document.querySelector('[data-screen=mood-terms]')");
            assertThat(owner.eval(settingsScript).asBoolean(false)).isTrue();
            owner.waitUntil("document.querySelector('textarea[name=moodTerms]')?.disabled === false");
            owner.fill("document.querySelector('textarea[name=moodTerms]')", "late delivery = -2");
            owner.click("document.querySelector('.cannedform button[type=submit]')");
            owner.waitUntil("[...document.querySelectorAll('.toast')].some(t => t.textContent == 'Mood terms saved')");
            assertThat(parley.call(
                                    "GET",
                                    parley.gatewayA + "/api/tenant/mood-terms",
                                    null,
                                    Parley.bearer(parley.token(tenant.owner())))
                            .body()
                            .toString())
                    .contains("late delivery");
            assertThat(owner.exceptions()).isEmpty();
        }
    }

    @Test
    void aSupervisorsWhisperReachesTheAgentAndNeverTheVisitor() {
        Tenant tenant = tenant(1);
        try (BrowserTab agent = console(tenant, tenant.agents().getFirst(), true);
                BrowserTab visitor = browser.newTab()) {
            visitorAsks(visitor, "Linus");
            accept(agent, "Linus");
            consoleSays(agent, "Let me check that.");
            visitor.waitUntil(AGENT_TEXTS + ".includes('Let me check that.')");

            try (BrowserTab supervisor = console(tenant, tenant.supervisor(), false)) {
                supervisor.click("document.querySelector('[data-view=supervisor]')");
                supervisor.waitUntil(
                        "document.querySelector('.live tr[data-conversation] .open')", Duration.ofSeconds(30));
                supervisor.click("document.querySelector('.live tr[data-conversation] .open')");
                supervisor.waitUntil("document.querySelector('.observing')");
                supervisor.waitUntil(CONSOLE_TEXTS + ".includes('Let me check that.')");
                consoleSays(supervisor, "Offer him free shipping.");

                agent.waitUntil("[...document.querySelectorAll('.msg.agents .text')].some(e => e.textContent == "
                        + "'Offer him free shipping.')");
                assertThat(text(agent, "[...document.querySelectorAll('.msg.agents')].at(-1).textContent"))
                        .contains("not visible to the visitor");
                consoleSays(agent, "Good news: shipping is free.");
                visitor.waitUntil(AGENT_TEXTS + ".includes('Good news: shipping is free.')");
            }
            assertThat(text(
                            visitor,
                            "document.documentElement.outerHTML + "
                                    + "document.querySelector('[data-parley=panel]').shadowRoot.innerHTML"))
                    .doesNotContain("free shipping");
            String visitorToken = text(visitor, "localStorage.getItem('parley." + tenant.siteKey() + ".token')");
            String conversation =
                    text(visitor, "sessionStorage.getItem('parley." + tenant.siteKey() + ".conversation')");
            JsonNode history = parley.ok(
                    "GET",
                    parley.gatewayA + "/api/session/conversations/" + conversation + "/messages",
                    null,
                    Parley.visitorAuth(visitorToken));
            assertThat(history.path("messages").toString())
                    .contains("shipping is free")
                    .doesNotContain("free shipping");
        }
    }

    @Test
    void twoAgentsChatInternallyAndTheVisitorSeesNothingOfIt() {
        Tenant tenant = tenant(2);
        try (BrowserTab anna = console(tenant, tenant.agents().get(0), true);
                BrowserTab ben = console(tenant, tenant.agents().get(1), false);
                BrowserTab visitor = browser.newTab()) {
            visitorAsks(visitor, "Margaret");
            accept(anna, "Margaret");
            anna.select(
                    "document.querySelector('#direct')",
                    tenant.agents().get(1).userId().toString());
            anna.waitUntil("document.querySelector('.chathead .tag')?.textContent.includes('internal')");
            consoleSays(anna, "Ben, do we ship to Norway?");
            ben.waitUntil("[...document.querySelectorAll('.tab')].some(t => t.textContent.includes('Anna')"
                    + " && t.querySelector('.unread')?.textContent == '1')");
            ben.click("[...document.querySelectorAll('.tab')].find(t => t.textContent.includes('Anna'))");
            ben.waitUntil(CONSOLE_TEXTS + ".includes('Ben, do we ship to Norway?')");
            consoleSays(ben, "Yes, in 5 days.");
            anna.waitUntil(CONSOLE_TEXTS + ".includes('Yes, in 5 days.')");

            // The visitor's chat went on meanwhile, and shows none of it.
            anna.click("[...document.querySelectorAll('.tab')].find(t => t.textContent.includes('Margaret'))");
            consoleSays(anna, "We ship to Norway in 5 days.");
            visitor.waitUntil(AGENT_TEXTS + ".includes('We ship to Norway in 5 days.')");
            String everything = text(
                    visitor,
                    "document.documentElement.outerHTML + "
                            + "document.querySelector('[data-parley=panel]').shadowRoot.innerHTML");
            assertThat(everything).doesNotContain("Ben, do we ship").doesNotContain("Yes, in 5 days.");
        }
    }

    @Test
    void aNegativeMessageTurnsTheMoodNegativeForTheAgentAndTheSupervisor() {
        Tenant tenant = tenant(1);
        try (BrowserTab agent = console(tenant, tenant.agents().getFirst(), true);
                BrowserTab supervisor = console(tenant, tenant.supervisor(), false);
                BrowserTab visitor = browser.newTab()) {
            supervisor.click("document.querySelector('[data-view=supervisor]')");
            visitorAsks(visitor, "Ray");
            accept(agent, "Ray");
            WidgetIT.visitorSaysTo(visitor, "Thanks for answering so fast");
            agent.waitUntil(CONSOLE_TEXTS + ".includes('Thanks for answering so fast')");
            WidgetIT.visitorSaysTo(visitor, "this is terrible, I want a refund");
            agent.waitUntil("document.querySelector('.chathead .mood')?.dataset.label == 'negative'");
            agent.screenshot(WidgetIT.SCREENSHOTS.resolve("console-chat-mood.png"));
            supervisor.waitUntil("document.querySelector('.alerts')?.textContent.includes('this is terrible')");
            supervisor.waitUntil(
                    "document.querySelector('.live tr[data-conversation] .mood')?.dataset.label == 'negative'",
                    Duration.ofSeconds(30));
            supervisor.screenshot(WidgetIT.SCREENSHOTS.resolve("console-supervisor.png"));
        }
    }

    @Test
    void aTransferToAnAgentOfAnotherDepartmentKeepsTheVisitorsConversationAndHistory() {
        Tenant tenant = tenant(1);
        Tenant.Login billing = parley.addAgent(tenant, "Bruno Billing", tenant.secondDepartmentId());
        try (BrowserTab anna = console(tenant, tenant.agents().getFirst(), true);
                BrowserTab bruno = console(tenant, billing, 2);
                BrowserTab visitor = browser.newTab()) {
            visitorAsks(visitor, "Edsger");
            accept(anna, "Edsger");
            consoleSays(anna, "I'll pass you to billing.");
            visitor.waitUntil(AGENT_TEXTS + ".includes(\"I'll pass you to billing.\")");
            String conversation =
                    text(visitor, "sessionStorage.getItem('parley." + tenant.siteKey() + ".conversation')");

            anna.select("document.querySelector('#transfer')", billing.userId().toString());
            bruno.waitUntil("document.querySelector('.chathead h2')?.textContent == 'Edsger'");
            bruno.waitUntil(CONSOLE_TEXTS + ".includes(\"I'll pass you to billing.\")");
            visitor.waitUntil(panel(".s") + ".textContent.includes('Bruno Billing')");
            consoleSays(bruno, "Hi, Bruno from billing here.");
            visitor.waitUntil(AGENT_TEXTS + ".join('|') == \"I'll pass you to billing.|Hi, Bruno from billing here.\"");
            assertThat(text(visitor, "sessionStorage.getItem('parley." + tenant.siteKey() + ".conversation')"))
                    .as("the same conversation")
                    .isEqualTo(conversation);
            WidgetIT.visitorSaysTo(visitor, "Thanks Bruno");
            bruno.waitUntil(CONSOLE_TEXTS + ".includes('Thanks Bruno')");
        }
    }

    @Test
    void anAgentInvitesAColleagueWhoJoinsAndTheVisitorIsToldAndHearsFromBoth() {
        Tenant tenant = tenant(2);
        try (BrowserTab anna = console(tenant, tenant.agents().get(0), true);
                BrowserTab ben = console(tenant, tenant.agents().get(1), false);
                BrowserTab visitor = browser.newTab()) {
            visitorAsks(visitor, "Alan");
            accept(anna, "Alan");
            consoleSays(anna, "Let me bring in a colleague.");
            visitor.waitUntil(AGENT_TEXTS + ".includes('Let me bring in a colleague.')");
            anna.select(
                    "document.querySelector('#invite')",
                    tenant.agents().get(1).userId().toString());

            ben.waitUntil("document.querySelector('.invites .join')");
            ben.click("document.querySelector('.invites .join')");
            ben.waitUntil("document.querySelector('.chathead h2')?.textContent == 'Alan'");
            visitor.waitUntil(BrowserTab.panelAll(".m.y") + ".some(m => m.textContent == 'Ben joined the chat')");
            consoleSays(ben, "Hi Alan, Ben here.");
            visitor.waitUntil(AGENT_TEXTS + ".includes('Hi Alan, Ben here.')");
            anna.waitUntil(CONSOLE_TEXTS + ".includes('Hi Alan, Ben here.')");
            WidgetIT.visitorSaysTo(visitor, "Thanks both");
            ben.waitUntil(CONSOLE_TEXTS + ".includes('Thanks both')");
            anna.waitUntil(CONSOLE_TEXTS + ".includes('Thanks both')");
        }
    }

    @Test
    void aSupervisorJoinsFromTheSilentViewAndTheVisitorIsToldAndAnswered() {
        Tenant tenant = tenant(1);
        try (BrowserTab agent = console(tenant, tenant.agents().getFirst(), true);
                BrowserTab visitor = browser.newTab()) {
            visitorAsks(visitor, "Barbara");
            accept(agent, "Barbara");
            try (BrowserTab supervisor = console(tenant, tenant.supervisor(), false)) {
                supervisor.click("document.querySelector('[data-view=supervisor]')");
                supervisor.waitUntil(
                        "document.querySelector('.live tr[data-conversation] .open')", Duration.ofSeconds(30));
                supervisor.click("document.querySelector('.live tr[data-conversation] .open')");
                supervisor.click("document.querySelector('.observing .join')");
                supervisor.waitUntil("!document.querySelector('.observing')");
                visitor.waitUntil(
                        BrowserTab.panelAll(".m.y") + ".some(m => m.textContent == 'Sam Supervisor joined the chat')");
                consoleSays(supervisor, "Hello Barbara, I'm the team lead.");
                visitor.waitUntil(AGENT_TEXTS + ".includes(\"Hello Barbara, I'm the team lead.\")");
                agent.waitUntil(CONSOLE_TEXTS + ".includes(\"Hello Barbara, I'm the team lead.\")");
            }
        }
    }

    @Test
    void theConsoleListsVisitorsOnTheSiteInvitesOneAndShowsOfflineMessages() {
        Tenant tenant = tenant(1);
        try (BrowserTab visitor = browser.newTab()) {
            visitor.countOpenSockets();
            // First nobody is online: the visitor leaves a message.
            visitor.open(site.url("contact.html"));
            visitor.click(launcher(".b"));
            visitor.fill(panel("input[name=name]"), "Katherine");
            visitor.fill(panel("input[name=email]"), "katherine@example.test");
            visitor.fill(panel("textarea[name=message]"), "Please call me back about my order.");
            visitor.click(panel("form button[type=submit]"));
            visitor.waitUntil(panel(".g") + "?.textContent.includes('got your message')");
            visitor.click(panel(".x"));

            try (BrowserTab console = console(tenant, tenant.agents().getFirst(), true)) {
                console.click("document.querySelector('[data-view=offline]')");
                console.waitUntil("document.querySelector('.offline')?.textContent.includes('Please call me back')");
                console.click(
                        "[...document.querySelectorAll('.offline button')].find(b => b.textContent == 'Mark handled')");
                console.waitUntil("document.querySelector('.offline li.handled')", Duration.ofSeconds(20));

                visitor.open(site.url("products.html"));
                console.click("document.querySelector('[data-view=visitors]')");
                console.waitUntil(
                        "[...document.querySelectorAll('.grid tr[data-visitor]')].some(r => r.textContent.includes('Products'))",
                        Duration.ofSeconds(30));
                // An invitation reaches a widget that is connected.
                visitor.waitUntil("window.openSockets > 0");
                console.answerDialogs("Can I help you find the right size?");
                console.click("[...document.querySelectorAll('.grid tr[data-visitor]')]"
                        + ".find(r => r.textContent.includes('Products')).querySelector('.invite')");
                visitor.waitUntil("!" + launcher(".i") + ".hidden", Duration.ofSeconds(30));
                assertThat(text(visitor, launcher(".it") + ".textContent"))
                        .isEqualTo("Anna: Can I help you find the right size?");
            }
        }
    }

    private static int seconds(String clock) {
        int total = 0;
        for (String part : clock.split(":")) {
            total = total * 60 + Integer.parseInt(part.strip());
        }
        return total;
    }
}
