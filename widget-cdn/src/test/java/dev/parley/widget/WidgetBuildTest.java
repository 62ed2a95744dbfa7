package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the front-end build promises, read from the files it wrote. */
class WidgetBuildTest {

    private static final Path BUILT = Path.of("target/classes/static/widget");
    private static final Map<String, Integer> GZIP_BUDGETS = Map.of(
            "loader.js",
            1024,
            "launcher.js",
            10 * 1024,
            "panel.js",
            40 * 1024,
            "console.js",
            60 * 1024,
            "console-settings.js",
            30 * 1024,
            "site.js",
            12 * 1024);

    private static JsonNode manifest() throws IOException {
        return new JsonMapper().readTree(Files.readAllBytes(BUILT.resolve("manifest.json")));
    }

    private static String text(String file) throws IOException {
        return Files.readString(BUILT.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void everyBundleIsWithinItsGzipBudgetAndHasBothTwins() throws IOException {
        JsonNode manifest = manifest();
        assertThat(manifest.propertyNames()).containsExactlyInAnyOrderElementsOf(GZIP_BUDGETS.keySet());
        for (Map.Entry<String, Integer> budget : GZIP_BUDGETS.entrySet()) {
            String file = manifest.get(budget.getKey()).asString();
            assertThat(Files.size(BUILT.resolve(file + ".gz")))
                    .as("gzip size of %s", file)
                    .isPositive()
                    .isLessThanOrEqualTo(budget.getValue());
            assertThat(Files.size(BUILT.resolve(file + ".br"))).isPositive();
        }
    }

    @Test
    void eachStageNamesTheNextByItsHash() throws IOException {
        JsonNode manifest = manifest();
        assertThat(text(manifest.get("loader.js").asString()))
                .contains(manifest.get("launcher.js").asString());
        assertThat(text(manifest.get("launcher.js").asString()))
                .contains(manifest.get("panel.js").asString());
        assertThat(text(manifest.get("console.js").asString()))
                .as("the console loads its settings screens on demand, by their hashed name")
                .contains(manifest.get("console-settings.js").asString());
    }

    @Test
    void theSettingsScreensAreNotInTheConsolesFirstBundle() throws IOException {
        JsonNode manifest = manifest();
        assertThat(text(manifest.get("console-settings.js").asString()))
                .contains("Save mood terms", "New canned response");
        assertThat(text(manifest.get("console.js").asString()))
                .doesNotContain("Save mood terms", "New canned response");
    }

    @Test
    void theBundlesNeverParseHtml() throws IOException {
        for (String logical : GZIP_BUDGETS.keySet()) {
            assertThat(text(manifest().get(logical).asString()))
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write");
        }
    }

    @Test
    void theLockfileNamesNoRegistryHost() throws IOException {
        String lock = Files.readString(Path.of("src/main/widget/package-lock.json"));
        assertThat(lock).contains("\"lockfileVersion\"").doesNotContain("\"resolved\"");
    }
}
