package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./parley start} promises, checked on a real process: it says "Parley is ready"
 * with every service's URL, every readiness endpoint answers UP, and a SIGTERM leaves no java,
 * postgres or redis-server process behind.
 */
class StandaloneProcessIT {

    private static final Pattern HEALTH_URL = Pattern.compile("health (http://\\S+)");

    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process parley;

    @AfterEach
    void killLeftovers() {
        if (parley != null && parley.isAlive()) {
            parley.descendants().forEach(ProcessHandle::destroyForcibly);
            parley.destroyForcibly();
        }
    }

    @Test
    void startsEveryServiceReadyAndLeavesNoProcessAfterSigterm() throws Exception {
        parley = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Standalone.class.getName(),
                        "--free-ports")
                .redirectErrorStream(true)
                .start();
        Thread.ofPlatform().daemon().start(this::readOutput);

        try {
            await().atMost(Duration.ofSeconds(120))
                    .failFast("Parley exited before it was ready", () -> !parley.isAlive())
                    .until(() -> output.stream().anyMatch(line -> line.startsWith("Parley is ready")));
        } catch (RuntimeException notReady) {
            // What the process said is what explains it.
            List<String> said = List.copyOf(output);
            throw new AssertionError(
                    notReady.getMessage() + "; its last output:\n"
                            + String.join("\n", said.subList(Math.max(0, said.size() - 60), said.size())),
                    notReady);
        }

        List<String> healthUrls = new ArrayList<>();
        for (String line : output) {
            Matcher matcher = HEALTH_URL.matcher(line);
            if (matcher.find()) {
                healthUrls.add(matcher.group(1));
            }
        }
        assertThat(healthUrls).as("one health URL per service").hasSize(6);
        HttpClient http = HttpClient.newHttpClient();
        for (String url : healthUrls) {
            HttpResponse<String> readiness =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as(url).isEqualTo(200);
            assertThat(readiness.body()).as(url).contains("\"status\":\"UP\"");
        }

        // The demo logins it printed work.
        Matcher agentLogin = Pattern.compile("agent\\s+(\\S+@demo\\.parley\\.test)\\s+password (\\S+)")
                .matcher(String.join("\n", output));
        assertThat(agentLogin.find()).as("an agent login is printed").isTrue();
        String gateway = healthUrls.getFirst().replace("/actuator/health/readiness", "");
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/tenant/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + agentLogin.group(1)
                                + "\",\"password\":\"" + agentLogin.group(2) + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("accessToken");

        List<ProcessHandle> children = parley.descendants().toList();
        assertThat(children.stream().map(StandaloneProcessIT::commandOf))
                .as("the embedded postgres and redis run as child processes")
                .anyMatch(command -> command.contains("postgres"))
                .anyMatch(command -> command.contains("redis-server"));

        parley.destroy(); // SIGTERM, as Ctrl-C or a process manager would send
        assertThat(parley.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
                .as("Parley exits on SIGTERM")
                .isTrue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                        children.stream().filter(ProcessHandle::isAlive).map(StandaloneProcessIT::commandOf))
                .as("processes left after SIGTERM")
                .isEmpty());
    }

    private void readOutput() {
        try (var reader = new BufferedReader(new InputStreamReader(parley.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
            }
        } catch (java.io.IOException e) {
            output.add("(output closed: " + e + ")");
        }
    }

    private static String commandOf(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse("?");
    }
}
