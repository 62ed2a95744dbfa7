package dev.parley.widget.asset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The widget's bundles, read once at start-up from {@code static/widget/} on the classpath (what
 * the front-end build wrote, see {@code src/main/widget/build.mjs}) into memory: a few tens of
 * kilobytes, and no blocking read on a request path.
 */
@Component
public class WidgetAssets {

    private static final Logger log = LoggerFactory.getLogger(WidgetAssets.class);
    static final String LOCATION = "static/widget/";

    private final Map<String, Asset> byFile;
    private final Map<String, Asset> byLogicalName;

    public WidgetAssets() {
        this(LOCATION);
    }

    WidgetAssets(String location) {
        Map<String, Asset> files = new LinkedHashMap<>();
        Map<String, Asset> logical = new LinkedHashMap<>();
        byte @Nullable [] manifest = read(location + "manifest.json");
        if (manifest == null) {
            log.warn("No widget manifest at classpath:{}manifest.json: the front-end build did not run", location);
        } else {
            JsonNode entries = new JsonMapper().readTree(manifest);
            for (Map.Entry<String, JsonNode> entry : entries.properties()) {
                String file = entry.getValue().asString();
                Asset asset = new Asset(
                        file,
                        required(location + file),
                        required(location + file + ".gz"),
                        required(location + file + ".br"));
                files.put(file, asset);
                logical.put(entry.getKey(), asset);
            }
            log.info("Widget assets: {}", logical);
        }
        this.byFile = Map.copyOf(files);
        this.byLogicalName = Map.copyOf(logical);
    }

    /** A bundle by its content-hashed file name. */
    public Optional<Asset> byFile(String file) {
        return Optional.ofNullable(byFile.get(file));
    }

    /** A bundle by its stable name in the manifest ({@code loader.js}, {@code launcher.js}, ...). */
    public Optional<Asset> byLogicalName(String name) {
        return Optional.ofNullable(byLogicalName.get(name));
    }

    private static byte[] required(String path) {
        byte[] bytes = read(path);
        if (bytes == null) {
            throw new IllegalStateException("The widget manifest names classpath:" + path + ", which is missing");
        }
        return bytes;
    }

    private static byte @Nullable [] read(String path) {
        ClassPathResource resource = new ClassPathResource(path);
        if (!resource.exists()) {
            return null;
        }
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
