package dev.parley.standalone.e2e;

import static dev.parley.standalone.e2e.BrowserTab.launcher;
import static dev.parley.standalone.e2e.BrowserTab.panel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The settings portal in headless Chromium: an owner changes the widget's colour and label and
 * sees them in the preview and on the demo shop's launcher, adds a department and a department
 * chooser to the survey, and a visitor who chooses that department reaches its queue.
 */
class SettingsIT extends BrowserTest {

    private static final String TEAL = "#0f766e";

    @Test
    void anOwnerSetsUpTheWidgetAndADepartmentThatAVisitorChooses() {
        Tenant tenant = tenantOnTheShop(1);
        try (BrowserTab owner = browser.newTab();
                BrowserTab visitor = browser.newTab()) {
            owner.open(parley.gatewayA + "/console");
            owner.fill(
                    "document.querySelector('input[name=email]')",
                    tenant.owner().email());
            owner.fill(
                    "document.querySelector('input[name=password]')",
                    tenant.owner().password());
            owner.press("Enter");
            owner.waitUntil("document.querySelector('#status')");
            owner.click("document.querySelector('[data-view=settings]')");

            // Sites come first: the shop's address and its snippet.
            owner.waitUntil("document.querySelector('[data-screen=sites][aria-selected=true]')");
            owner.waitUntil("document.querySelector('pre.snippet')?.textContent.includes('" + tenant.siteKey() + "')");
            assertThat(owner.eval("document.querySelector('textarea[name=origins]').value")
                            .asString(""))
                    .isEqualTo(tenant.origin());

            // The look, with the preview following every keystroke.
            owner.click("document.querySelector('[data-screen=look]')");
            owner.waitUntil("document.querySelector('input[name=label]')");
            owner.select("document.querySelector('input[name=label]')", "Talk to us");
            owner.select("document.querySelector('input[name=color]')", TEAL);
            owner.waitUntil("document.querySelector('.preview .previewlabel')?.textContent == 'Talk to us'");
            assertThat(owner.eval("getComputedStyle(document.querySelector('.previewlauncher')).backgroundColor")
                            .asString(""))
                    .isEqualTo("rgb(15, 118, 110)");
            owner.screenshot(WidgetIT.SCREENSHOTS.resolve("console-settings-look.png"));
            owner.click(
                    "[...document.querySelectorAll('.pane button[type=submit]')].find(b => b.textContent == 'Save look')");
            owner.waitUntil(
                    "[...document.querySelectorAll('.toast')].some(t => t.textContent.startsWith('Widget saved'))");

            // A department of its own, with hours nobody is outside of (every day, all day).
            owner.click("document.querySelector('[data-screen=departments]')");
            owner.waitUntil("document.querySelector('input[name=newDepartment]')");
            owner.fill("document.querySelector('input[name=newDepartment]')", "Returns");
            owner.click("[...document.querySelectorAll('.pane button')].find(b => b.textContent == 'Add department')");
            owner.waitUntil(
                    "[...document.querySelectorAll('form.department input[name=name]')].some(i => i.value == 'Returns')");
            UUID returns = departmentNamed(tenant, "Returns");

            // The survey asks which department.
            owner.click("document.querySelector('[data-screen=survey]')");
            owner.waitUntil("document.querySelector('[data-add=department]')");
            owner.click("document.querySelector('[data-add=department]')");
            owner.waitUntil("document.querySelector('tr[data-field=department]')");
            owner.click(
                    "[...document.querySelectorAll('.pane button[type=submit]')].find(b => b.textContent == 'Save survey')");
            owner.waitUntil("[...document.querySelectorAll('.toast')].some(t => t.textContent == 'Survey saved')");
            assertThat(owner.exceptions()).isEmpty();

            // Somebody must be online, or the widget offers the offline form instead of a chat.
            owner.select("document.querySelector('#status')", "online");
            await().atMost(Duration.ofSeconds(20)).until(() -> parley.call(
                            "GET", parley.gatewayA + "/api/routing/availability/" + tenant.siteKey(), null, Map.of())
                    .body()
                    .path("available")
                    .asBoolean(false));

            // The visitor's first visit after the change: the shop's launcher has the new look.
            visitor.open(site.url("products.html"));
            visitor.waitUntil(launcher(".b") + "?.textContent == 'Talk to us'");
            assertThat(visitor.eval("getComputedStyle(" + launcher(".b") + ").backgroundColor")
                            .asString(""))
                    .isEqualTo("rgb(15, 118, 110)");
            visitor.click(launcher(".b"));
            visitor.waitUntil(panel("select[name=department]"));
            assertThat(visitor.eval("[..." + panel("select[name=department]") + ".options].map(o => o.text)")
                            .toString())
                    .contains("Returns", "Billing");
            visitor.fill(panel("input[name=name]"), "Grace Hopper");
            visitor.select(panel("select[name=department]"), returns.toString());
            visitor.click(panel("form button[type=submit]"));
            // Waiting: with its position, or — nobody of Returns is online, the owner is not in it — told
            // so and offered the message form too; which of the two frames lands last is a race.
            visitor.waitUntil(panel(".s") + ".textContent.includes('in the queue') || " + panel(".s")
                    + ".textContent.includes('You can keep waiting')");

            // It waits in the department the visitor chose, under its name in the answers.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode live = parley.call(
                                "GET",
                                parley.gatewayA + "/api/session/conversations/live",
                                null,
                                Parley.bearer(parley.token(tenant.owner())))
                        .body()
                        .path("conversations");
                assertThat(live.toString()).contains("Grace Hopper");
                for (JsonNode conversation : live) {
                    if ("Grace Hopper".equals(conversation.path("visitorName").asString(""))) {
                        assertThat(conversation.path("departmentId").asString(""))
                                .isEqualTo(returns.toString());
                    }
                }
            });
            assertThat(visitor.exceptions()).isEmpty();
        }
    }

    private UUID departmentNamed(Tenant tenant, String name) {
        for (JsonNode department : parley.call(
                        "GET",
                        parley.gatewayA + "/api/tenant/departments",
                        null,
                        Parley.bearer(parley.token(tenant.owner())))
                .body()
                .path("departments")) {
            if (name.equals(department.path("name").asString(""))) {
                return UUID.fromString(department.path("id").asString());
            }
        }
        throw new AssertionError("no department " + name);
    }
}
