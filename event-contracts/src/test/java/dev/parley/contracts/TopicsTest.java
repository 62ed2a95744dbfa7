package dev.parley.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void listsEveryTopicOnce() {
        assertThat(Topics.all())
                .containsExactlyInAnyOrder(
                        "tenant.state.v1",
                        "chat.commands.v1",
                        "routing.commands.v1",
                        "chat.events.v1",
                        "chat.messages.v1",
                        "routing.events.v1",
                        "agent.presence.v1",
                        "visitor.activity.v1");
    }

    @Test
    void deadLetterTopicIsTheTopicWithADltSuffix() {
        assertThat(Topics.dlt(Topics.CHAT_EVENTS)).isEqualTo("chat.events.v1.DLT");
    }
}
