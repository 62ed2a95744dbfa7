package dev.parley.session.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.EventEnvelope;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chat.ParticipantKind;
import dev.parley.contracts.chat.SendMessage;
import dev.parley.contracts.chat.Visibility;
import dev.parley.platform.messaging.CommandSender;
import dev.parley.session.SessionHttpIT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import reactor.core.publisher.Sinks;

/**
 * The command listener consumes each partition on its own: a conversation whose transaction is
 * stuck does not hold up one on another partition, one conversation's messages are stored in the
 * order they were sent, and a redelivered command is stored once.
 */
class ChatCommandConcurrencyIT extends SessionHttpIT {

    @Autowired
    CommandSender commands;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${parley.kafka.topics.partitions:6}")
    int partitions;

    final UUID tenant = UUID.randomUUID();
    final UUID site = UUID.randomUUID();

    @Test
    void oneConsumerPerPartitionOfTheCommandTopic() {
        var container = listeners.getListenerContainers().stream()
                .filter(c -> List.of(c.getContainerProperties().getTopics()).contains(Topics.CHAT_COMMANDS))
                .findFirst()
                .orElseThrow();
        assertThat(container).isInstanceOf(ConcurrentMessageListenerContainer.class);
        assertThat(((ConcurrentMessageListenerContainer<?, ?>) container).getConcurrency())
                .isEqualTo(partitions);
    }

    @Test
    void aStuckConversationDoesNotDelayOneOnAnotherPartition() {
        UUID slowVisitor = visitor(tenant, site);
        UUID slow = conversationOf(tenant, slowVisitor, "ACTIVE");
        UUID fastVisitor;
        UUID fast;
        do {
            fastVisitor = visitor(tenant, site);
            fast = conversationOf(tenant, fastVisitor, "ACTIVE");
        } while (partition(fast) == partition(slow));

        // Another transaction holds the slow conversation's row lock, as a slow commit would.
        Sinks.Empty<Void> locked = Sinks.empty();
        Sinks.Empty<Void> release = Sinks.empty();
        UUID lockedId = slow;
        var holder = transactions
                .inTenant(tenant, () -> db.sql("select 1 from conversation where tenant_id = $1 and id = $2 for update")
                        .bind(0, tenant)
                        .bind(1, lockedId)
                        .then()
                        .then(reactor.core.publisher.Mono.fromRunnable(locked::tryEmitEmpty))
                        .then(release.asMono()))
                .subscribe();
        try {
            locked.asMono().block(Duration.ofSeconds(10));
            send(slow, slowVisitor, "s-1", "waiting");
            // Only once the slow command's consumer is stuck on the lock does the fast one go: with a
            // single consumer for all partitions it would then wait behind it, and this test fails.
            eventually()
                    .until(() -> db.sql("select count(*) as waiting from pg_stat_activity"
                                            + " where wait_event_type = 'Lock' and query like '%for update%'")
                                    .map(row -> row.get("waiting", Long.class))
                                    .one()
                                    .block(Duration.ofSeconds(5))
                            > 0);
            send(fast, fastVisitor, "f-1", "through");

            UUID fastId = fast;
            eventually().until(() -> messages(fastId).equals(List.of("through")));
            assertThat(messages(slow)).as("still behind the lock").isEmpty();
        } finally {
            release.tryEmitEmpty();
        }
        UUID slowId = slow;
        eventually().until(() -> messages(slowId).equals(List.of("waiting")));
        holder.dispose();
    }

    @Test
    void aConversationsMessagesAreStoredInSendingOrderAndARedeliveryOnce() {
        UUID visitor = visitor(tenant, site);
        UUID conversation = conversationOf(tenant, visitor, "ACTIVE");
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            send(conversation, visitor, "m-" + i, "message " + i);
            sent.add("message " + i);
            if (i % 10 == 0) {
                send(conversation, visitor, "m-" + i, "message " + i); // redelivered
            }
        }

        eventually().until(() -> messages(conversation).size() >= sent.size());
        assertThat(messages(conversation)).as("by seq").containsExactlyElementsOf(sent);
        assertThat(count(
                        tenant,
                        "select count(*) from message where conversation_id = '" + conversation
                                + "' and client_message_id = 'm-10'"))
                .isEqualTo(1);
        assertThat(count(tenant, "select last_seq from conversation where id = '" + conversation + "'"))
                .isEqualTo(sent.size());
    }

    private int partition(UUID conversation) {
        return Utils.toPositive(Utils.murmur2(conversation.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private List<String> messages(UUID conversation) {
        return query(
                tenant,
                "select body from message where conversation_id = '" + conversation + "' order by seq",
                row -> row.get("body", String.class));
    }

    private void send(UUID conversation, UUID visitor, String clientMsgId, String text) {
        commands.send(EventEnvelope.of(
                        EventTypes.SEND_MESSAGE,
                        "/parley/gateway-service",
                        tenant,
                        conversation.toString(),
                        new SendMessage(
                                conversation,
                                clientMsgId,
                                ParticipantKind.VISITOR,
                                visitor,
                                Visibility.ALL,
                                text,
                                Instant.now())))
                .block(Duration.ofSeconds(10));
    }
}
