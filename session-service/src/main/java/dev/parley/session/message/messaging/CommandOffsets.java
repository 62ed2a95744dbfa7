package dev.parley.session.message.messaging;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * How the command listener's offsets are committed: every 100 ms (or 500 records), not after every
 * poll. A commit is a broker round trip and a write to the offsets log; at chat rates a poll holds
 * a message or two, so a commit per poll was a commit per message. Committing later never commits
 * early: an offset is committed only once its batch is stored. What a crash replays is at most
 * the last 100 ms, and a replayed send is recognised by its client message id and stored once.
 */
@Configuration(proxyBeanMethods = false)
class CommandOffsets {

    static final Duration EVERY = Duration.ofMillis(100);

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> commandOffsetCommits() {
        return container -> {
            if (ChatCommandListener.ID.equals(container.getListenerId())) {
                ContainerProperties properties = container.getContainerProperties();
                properties.setAckMode(ContainerProperties.AckMode.COUNT_TIME);
                properties.setAckTime(EVERY.toMillis());
                properties.setAckCount(500);
            }
        };
    }
}
