package dev.parley.standalone.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Headless Chromium driven over the DevTools protocol: the system's {@code chromium} (Debian's
 * package; {@code .ci/run} installs it), no driver and nothing downloaded. One browser per test
 * JVM; each test opens tabs in a browser context of its own (own cookies, storage and cache).
 *
 * <p>Chromium runs under a small {@code sh} that ends it when this JVM is gone, so even a
 * {@code kill -9} of the test JVM leaves no browser behind.
 */
final class Chromium implements AutoCloseable {

    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static @Nullable Chromium shared;

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();

    private Chromium(Process process, Path profile, String devtoolsUrl) {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(devtoolsUrl), new Listener())
                .join();
    }

    /** The browser of this test JVM, started on first use and closed when the JVM exits. */
    static synchronized Chromium shared() {
        if (shared == null) {
            shared = launch();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "chromium-close"));
        }
        return shared;
    }

    static String executable() {
        String configured = System.getenv("PARLEY_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No Chromium found: install Debian's chromium package (.ci/run does) "
                + "or point PARLEY_CHROMIUM at a Chromium or Chrome binary");
    }

    private static Chromium launch() {
        try {
            Path profile = Files.createTempDirectory("parley-chromium-");
            List<String> command = new ArrayList<>(List.of(
                    "sh",
                    "-c",
                    // Chromium in the background; this shell waits while both it and the JVM live,
                    // then ends Chromium (its helpers follow their parent).
                    "\"$@\" & c=$!; trap 'kill $c 2>/dev/null' TERM INT;"
                            + " while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null"
                            + " && kill -0 $c 2>/dev/null; do sleep 1; done;"
                            + " kill $c 2>/dev/null; wait $c",
                    "chromium-under-watch",
                    executable(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--disable-dev-shm-usage",
                    "--mute-audio",
                    "--hide-scrollbars",
                    "--remote-debugging-port=0",
                    "--user-data-dir=" + profile,
                    "--window-size=1280,800",
                    "about:blank"));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> url = new CompletableFuture<>();
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader lines = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = lines.readLine()) != null) {
                                Matcher matcher = DEVTOOLS.matcher(line);
                                if (matcher.find()) {
                                    url.complete(matcher.group(1));
                                }
                            }
                        } catch (IOException e) {
                            url.completeExceptionally(e);
                        }
                        url.completeExceptionally(new IllegalStateException("Chromium exited before DevTools was up"));
                    },
                    "chromium-output");
            reader.setDaemon(true);
            reader.start();
            return new Chromium(process, profile, url.get(30, TimeUnit.SECONDS));
        } catch (IOException | TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Could not start Chromium", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new tab in a new browser context: a visitor who has never been on the site. */
    BrowserTab newTab() {
        String context = call(null, "Target.createBrowserContext", Map.of())
                .path("browserContextId")
                .asString();
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank", "browserContextId", context))
                .path("targetId")
                .asString();
        String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId")
                .asString();
        return new BrowserTab(this, session, context);
    }

    void disposeContext(String context) {
        call(null, "Target.disposeBrowserContext", Map.of("browserContextId", context));
    }

    /** One DevTools command; its result. Fails the test on a protocol error or after 30 s. */
    JsonNode call(@Nullable String session, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = ChatSocket.JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", ChatSocket.JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        calls.put(id, answer);
        synchronized (socket) {
            socket.sendText(ChatSocket.JSON.writeValueAsString(message), true).join();
        }
        try {
            JsonNode response = answer.get(30, TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.path("error"));
            }
            return response.path("result");
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            calls.remove(id);
        }
    }

    /** Events (messages with a method and no id) go to every listener. */
    void onEvent(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<JsonNode> listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        try {
            call(null, "Browser.close", Map.of());
        } catch (RuntimeException alreadyGone) {
            // the process is ended below either way
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteQuietly(profile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the system cleans up what is left
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = ChatSocket.JSON.readTree(partial.toString());
                partial.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> call =
                            calls.get(message.path("id").asInt());
                    if (call != null) {
                        call.complete(message);
                    }
                } else {
                    listeners.forEach(listener -> listener.accept(message));
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
