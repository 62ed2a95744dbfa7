package dev.parley.standalone.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * One browser tab, driven as a person would: real mouse clicks at an element's position, typed
 * text and key presses through the browser's input pipeline. Elements inside the widget's
 * shadow roots are found with {@link #launcher(String)} and {@link #panel(String)}.
 */
final class BrowserTab implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final Chromium browser;
    private final String session;
    private final String context;
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private final List<String> exceptions = new CopyOnWriteArrayList<>();
    private final List<String> console = new CopyOnWriteArrayList<>();
    private volatile @org.jspecify.annotations.Nullable String promptAnswer;
    private final Consumer<JsonNode> events;

    BrowserTab(Chromium browser, String session, String context) {
        this.browser = browser;
        this.session = session;
        this.context = context;
        this.events = event -> {
            if (!session.equals(event.path("sessionId").asString(""))) {
                return;
            }
            switch (event.path("method").asString("")) {
                case "Page.javascriptDialogOpening" -> {
                    dialogs.add(event.path("params").path("message").asString(""));
                    // Answered off the socket's thread: the answer needs that thread.
                    String answer = promptAnswer;
                    CompletableFuture.runAsync(() -> call(
                            "Page.handleJavaScriptDialog",
                            answer == null ? Map.of("accept", false) : Map.of("accept", true, "promptText", answer)));
                }
                case "Runtime.exceptionThrown" ->
                    exceptions.add(event.path("params").path("exceptionDetails").toString());
                case "Runtime.consoleAPICalled", "Log.entryAdded" ->
                    console.add(event.path("params").toString());
                default -> {}
            }
        };
        browser.onEvent(events);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
        call("Log.enable", Map.of());
    }

    JsonNode call(String method, Map<String, ?> params) {
        return browser.call(session, method, params);
    }

    /** Runs {@code script} in every page this tab loads from now on, before the page's own scripts. */
    void beforeEveryPage(String script) {
        call("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    /**
     * From the next page on, counts the page's open WebSockets in {@code window.openSockets}, so a
     * test can wait until the widget is connected before sending it something.
     */
    void countOpenSockets() {
        beforeEveryPage("window.openSockets = 0; window.WebSocket = class extends WebSocket {"
                + " constructor(url, protocols) { super(url, protocols);"
                + " this.addEventListener('open', () => window.openSockets++);"
                + " this.addEventListener('close', () => window.openSockets--); } };");
    }

    /** Loads the page and waits for its load event. */
    BrowserTab open(String url) {
        call("Page.navigate", Map.of("url", url));
        await().atMost(WAIT)
                .until(() -> "complete".equals(eval("document.readyState").asString(""))
                        && eval("location.href").asString("").startsWith(url.replaceFirst("#.*", "")));
        return this;
    }

    /** The value of a JavaScript expression in the page (promises are awaited). */
    JsonNode eval(String expression) {
        JsonNode result =
                call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until the expression is truthy. */
    void waitUntil(String expression) {
        waitUntil(expression, WAIT);
    }

    void waitUntil(String expression, Duration atMost) {
        try {
            await("until " + expression)
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        JsonNode value = eval("!!(" + expression + ")");
                        return value.asBoolean(false);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Waited " + atMost.toSeconds() + " s for " + expression + "\n" + describe(), e);
        }
    }

    /** What the widget shows and what the page logged: for a failed wait's message. */
    String describe() {
        String widget;
        try {
            widget = eval("'launcher: ' + (" + launcher(".b") + "?.textContent ?? '-') + ' | panel: ' + ("
                            + "document.querySelector('[data-parley=panel]')?.shadowRoot?.querySelector('.p')"
                            + "?.innerText ?? '-')")
                    .asString("");
        } catch (RuntimeException e) {
            widget = "(page not readable: " + e.getMessage() + ")";
        }
        return "page at " + safeUrl() + "\n" + widget + "\nconsole and log: " + console + "\nexceptions: " + exceptions;
    }

    private String safeUrl() {
        try {
            return eval("location.href").asString("");
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** True once the element is there and shown (not hidden by CSS visibility or display). */
    static String visible(String element) {
        return "(e => !!e && e.checkVisibility({visibilityProperty: true}))(" + element + ")";
    }

    /** An element in the launcher's shadow root, as a JavaScript expression. */
    static String launcher(String selector) {
        return inShadow("launcher", selector);
    }

    /** An element in the chat panel's shadow root, as a JavaScript expression. */
    static String panel(String selector) {
        return inShadow("panel", selector);
    }

    private static String inShadow(String host, String selector) {
        return "document.querySelector('[data-parley=" + host + "]')?.shadowRoot?.querySelector("
                + ChatSocket.JSON.writeValueAsString(selector) + ")";
    }

    /** All elements matching {@code selector} in the panel's shadow root, as an array expression. */
    static String panelAll(String selector) {
        return "[...(document.querySelector('[data-parley=panel]')?.shadowRoot?.querySelectorAll("
                + ChatSocket.JSON.writeValueAsString(selector) + ") ?? [])]";
    }

    /** Clicks the middle of the element (waiting for it to be there and visible). */
    void click(String element) {
        waitUntil("(e => e && e.getClientRects().length > 0 && e.checkVisibility({visibilityProperty: true}))("
                + element + ")");
        JsonNode point = eval("(e => { e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return [r.x + r.width / 2, r.y + r.height / 2]; })(" + element + ")");
        double x = point.get(0).asDouble();
        double y = point.get(1).asDouble();
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
        }
    }

    /** Chooses an option of a select element as a person does: focus it, pick the value, which fires change. */
    void select(String element, String value) {
        waitUntil(element);
        eval("(e => { e.focus(); e.value = " + ChatSocket.JSON.writeValueAsString(value)
                + "; e.dispatchEvent(new Event('input', {bubbles: true}));"
                + " e.dispatchEvent(new Event('change', {bubbles: true})); return e.value; })(" + element + ")");
    }

    /** Types into whatever has the focus. */
    void type(String text) {
        call("Input.insertText", Map.of("text", text));
    }

    /** Clicks a field, then types into it. */
    void fill(String element, String text) {
        click(element);
        type(text);
    }

    /** Presses and releases a key: Enter, Tab, Escape. */
    void press(String key) {
        int code =
                switch (key) {
                    case "Enter" -> 13;
                    case "Tab" -> 9;
                    case "Escape" -> 27;
                    default -> throw new IllegalArgumentException(key);
                };
        var down = new java.util.HashMap<String, Object>(
                Map.of("type", "keyDown", "key", key, "code", key, "windowsVirtualKeyCode", code));
        if (key.equals("Enter")) {
            down.put("text", "\r");
        }
        call("Input.dispatchKeyEvent", down);
        call("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", key, "code", key, "windowsVirtualKeyCode", code));
    }

    /** A PNG of the visible page. */
    void screenshot(Path file) {
        String data = call("Page.captureScreenshot", Map.of("format", "png"))
                .path("data")
                .asString();
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Page size as a phone's: 390 × 844 CSS pixels, touch. */
    void emulatePhone() {
        call(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    }

    /** The browser's language setting for this tab (navigator.languages and Accept-Language), e.g. "de-DE,de". */
    void language(String acceptLanguage) {
        String userAgent = browser.call(null, "Browser.getVersion", Map.of())
                .path("userAgent")
                .asString();
        call("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent, "acceptLanguage", acceptLanguage));
    }

    /** From now on, dialogs are accepted and prompts answered with {@code text}, as a person would (null: dismissed). */
    void answerDialogs(@org.jspecify.annotations.Nullable String text) {
        this.promptAnswer = text;
    }

    /** JavaScript dialogs (alert, confirm) the page opened. */
    List<String> dialogs() {
        return dialogs;
    }

    /** Uncaught exceptions in the page's scripts. */
    List<String> exceptions() {
        return exceptions;
    }

    @Override
    public void close() {
        browser.removeListener(events);
        browser.disposeContext(context);
    }
}
