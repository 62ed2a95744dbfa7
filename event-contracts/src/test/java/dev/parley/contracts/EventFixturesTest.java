package dev.parley.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every registered event type against its JSON fixture: the fixtures are the contract as other languages
 * and older or newer readers see it, so a change that breaks one shows here first.
 */
class EventFixturesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UNKNOWN_FIELD = "addedByANewerWriter";

    private final EventCodec codec = EventCodec.standard();

    static List<EventType<?>> types() {
        return EventTypes.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void decodesItsFixtureAndEncodesTheSameJson(EventType<?> type) {
        var fixture = Fixture.of(type);

        var envelope = codec.decode(fixture.headers(), fixture.key(), fixture.body());

        assertThat(envelope.type()).isEqualTo(type.name());
        assertThat(envelope.data()).isInstanceOf(type.dataClass());
        assertThat(envelope.key()).isEqualTo(fixture.key());
        assertThat(envelope.headers()).isEqualTo(fixture.headers());
        assertThat(JSON.readTree(codec.encode(envelope))).isEqualTo(fixture.data());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void toleratesFieldsAndHeadersItDoesNotKnow(EventType<?> type) {
        var fixture = Fixture.of(type);
        var expected = codec.decode(fixture.headers(), fixture.key(), fixture.body());

        var data = fixture.data().deepCopy();
        addUnknownFields(data, type.dataClass());
        var headers = new LinkedHashMap<>(fixture.headers());
        headers.put("ce_traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        headers.put("x-retry-count", "2");

        var tolerated = codec.decode(headers, fixture.key(), JSON.writeValueAsBytes(data));

        assertThat(tolerated).isEqualTo(expected);
    }

    @Test
    void everyFixtureBelongsToARegisteredType() throws IOException, URISyntaxException {
        var dir = Path.of(EventFixturesTest.class.getResource("/fixtures").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            var names = files.map(file -> file.getFileName().toString().replaceFirst("\\.json$", ""))
                    .toList();
            assertThat(names)
                    .containsExactlyInAnyOrderElementsOf(
                            EventTypes.all().stream().map(EventType::name).toList());
        }
    }

    /**
     * Adds an unknown field, with a nested value of its own, to the object and to every nested object that
     * binds to a record, as a newer writer would. Maps are left alone: a new key there is data, not schema.
     */
    private static void addUnknownFields(ObjectNode node, Class<?> recordClass) {
        node.putObject(UNKNOWN_FIELD)
                .put("since", "v1")
                .putArray("items")
                .add(1)
                .add("two");
        for (RecordComponent component : recordClass.getRecordComponents()) {
            var child = node.get(component.getName());
            if (child instanceof ObjectNode object && component.getType().isRecord()) {
                addUnknownFields(object, component.getType());
            } else if (child != null
                    && child.isArray()
                    && component.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element
                    && element.isRecord()) {
                for (JsonNode item : child) {
                    addUnknownFields((ObjectNode) item, element);
                }
            }
        }
    }

    private record Fixture(Map<String, String> headers, String key, ObjectNode data) {

        static Fixture of(EventType<?> type) {
            var resource = "/fixtures/" + type.name() + ".json";
            try (InputStream in = EventFixturesTest.class.getResourceAsStream(resource)) {
                assertThat(in).as("fixture %s", resource).isNotNull();
                var root = JSON.readTree(in);
                var headers = new LinkedHashMap<String, String>();
                root.get("headers")
                        .properties()
                        .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
                return new Fixture(headers, root.get("key").asString(), (ObjectNode) root.get("data"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] body() {
            return JSON.writeValueAsBytes(data);
        }
    }
}
