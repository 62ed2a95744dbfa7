package dev.parley.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class EventTypesTest {

    static final List<EventType<?>> TYPES = EventTypes.all();

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void nameIsAVersionedLowercaseDottedName(EventType<?> type) {
        assertThat(type.name()).matches("^[a-z]+(\\.[a-z]+)+\\.v[0-9]+$");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void topicIsOneOfTopics(EventType<?> type) {
        assertThat(Topics.all()).contains(type.topic());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void dataIsARecordInADomainPackage(EventType<?> type) {
        assertThat(type.dataClass().isRecord()).isTrue();
        // The domain package matches the name's first segment, so a type is found where its name says.
        var domain = type.name().substring(0, type.name().indexOf('.'));
        assertThat(type.dataClass().getPackageName()).isEqualTo("dev.parley.contracts." + domain);
    }

    @Test
    void namesAndDataClassesAreUnique() {
        assertThat(TYPES).extracting(EventType::name).doesNotHaveDuplicates();
        // One record per type: a .v2 gets a record of its own, so a reader's switch on data stays exact.
        assertThat(TYPES).extracting(EventType::dataClass).doesNotHaveDuplicates();
    }

    @Test
    void findsRegisteredTypesByName() {
        assertThat(EventTypes.find("chat.message.posted.v1")).contains(EventTypes.MESSAGE_POSTED);
        assertThat(EventTypes.require("tenant.updated.v1")).isEqualTo(EventTypes.TENANT_UPDATED);
        assertThat(EventTypes.find("chat.message.posted.v9")).isEmpty();
    }

    @Test
    void requireNamesTheUnknownType() {
        assertThatThrownBy(() -> EventTypes.require("chat.message.edited.v1"))
                .isInstanceOfSatisfying(UnknownEventTypeException.class, e -> assertThat(e.typeName())
                        .isEqualTo("chat.message.edited.v1"))
                .hasMessageContaining("chat.message.edited.v1");
    }

    @Test
    void rejectsAMalformedNameOrAnUnknownTopic() {
        assertThatThrownBy(() -> new EventType<>("chat.MessagePosted", String.class, Topics.CHAT_EVENTS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventType<>("chat.message.posted.v1", String.class, "chat.v1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
