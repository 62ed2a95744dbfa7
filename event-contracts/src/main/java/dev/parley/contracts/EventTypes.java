package dev.parley.contracts;

import dev.parley.contracts.chat.CloseConversation;
import dev.parley.contracts.chat.ConversationAssigned;
import dev.parley.contracts.chat.ConversationClosed;
import dev.parley.contracts.chat.ConversationRequested;
import dev.parley.contracts.chat.MessagePosted;
import dev.parley.contracts.chat.ReportReceipt;
import dev.parley.contracts.chat.SendMessage;
import dev.parley.contracts.presence.AgentPresenceChanged;
import dev.parley.contracts.routing.AcceptConversation;
import dev.parley.contracts.routing.ConversationOffered;
import dev.parley.contracts.routing.ConversationQueued;
import dev.parley.contracts.routing.ConversationUnavailable;
import dev.parley.contracts.routing.DeclineConversation;
import dev.parley.contracts.routing.TransferConversation;
import dev.parley.contracts.tenant.TenantUpdated;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type Parley publishes. A consumer decodes only what is registered here, so a new type starts
 * with a line in this class, a fixture and a row in the module's README.
 */
public final class EventTypes {

    public static final EventType<TenantUpdated> TENANT_UPDATED =
            new EventType<>("tenant.updated.v1", TenantUpdated.class, Topics.TENANT_STATE);

    public static final EventType<ConversationRequested> CONVERSATION_REQUESTED =
            new EventType<>("chat.conversation.requested.v1", ConversationRequested.class, Topics.CHAT_EVENTS);

    public static final EventType<ConversationAssigned> CONVERSATION_ASSIGNED =
            new EventType<>("chat.conversation.assigned.v1", ConversationAssigned.class, Topics.CHAT_EVENTS);

    public static final EventType<MessagePosted> MESSAGE_POSTED =
            new EventType<>("chat.message.posted.v1", MessagePosted.class, Topics.CHAT_MESSAGES);

    public static final EventType<ConversationClosed> CONVERSATION_CLOSED =
            new EventType<>("chat.conversation.closed.v1", ConversationClosed.class, Topics.CHAT_EVENTS);

    public static final EventType<AgentPresenceChanged> AGENT_PRESENCE_CHANGED =
            new EventType<>("presence.agent.changed.v1", AgentPresenceChanged.class, Topics.AGENT_PRESENCE);

    public static final EventType<SendMessage> SEND_MESSAGE =
            new EventType<>("chat.message.send.v1", SendMessage.class, Topics.CHAT_COMMANDS);

    public static final EventType<CloseConversation> CLOSE_CONVERSATION =
            new EventType<>("chat.conversation.close.v1", CloseConversation.class, Topics.CHAT_COMMANDS);

    /** On the commands topic, keyed by conversation, so a receipt is handled after the messages it names. */
    public static final EventType<ReportReceipt> REPORT_RECEIPT =
            new EventType<>("chat.conversation.receipt.v1", ReportReceipt.class, Topics.CHAT_COMMANDS);

    public static final EventType<AcceptConversation> ACCEPT_CONVERSATION =
            new EventType<>("routing.conversation.accept.v1", AcceptConversation.class, Topics.ROUTING_COMMANDS);

    public static final EventType<DeclineConversation> DECLINE_CONVERSATION =
            new EventType<>("routing.conversation.decline.v1", DeclineConversation.class, Topics.ROUTING_COMMANDS);

    public static final EventType<TransferConversation> TRANSFER_CONVERSATION =
            new EventType<>("routing.conversation.transfer.v1", TransferConversation.class, Topics.ROUTING_COMMANDS);

    public static final EventType<ConversationQueued> CONVERSATION_QUEUED =
            new EventType<>("routing.conversation.queued.v1", ConversationQueued.class, Topics.ROUTING_EVENTS);

    public static final EventType<ConversationOffered> CONVERSATION_OFFERED =
            new EventType<>("routing.conversation.offered.v1", ConversationOffered.class, Topics.ROUTING_EVENTS);

    public static final EventType<ConversationUnavailable> CONVERSATION_UNAVAILABLE = new EventType<>(
            "routing.conversation.unavailable.v1", ConversationUnavailable.class, Topics.ROUTING_EVENTS);

    private static final List<EventType<?>> ALL = List.of(
            TENANT_UPDATED,
            CONVERSATION_REQUESTED,
            CONVERSATION_ASSIGNED,
            MESSAGE_POSTED,
            CONVERSATION_CLOSED,
            AGENT_PRESENCE_CHANGED,
            SEND_MESSAGE,
            CLOSE_CONVERSATION,
            REPORT_RECEIPT,
            ACCEPT_CONVERSATION,
            DECLINE_CONVERSATION,
            TRANSFER_CONVERSATION,
            CONVERSATION_QUEUED,
            CONVERSATION_OFFERED,
            CONVERSATION_UNAVAILABLE);

    // toUnmodifiableMap throws on a duplicate name: two types with one name would make decoding ambiguous.
    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventTypes() {}

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * @throws UnknownEventTypeException if no type has this name
     */
    public static EventType<?> require(String name) {
        var type = BY_NAME.get(name);
        if (type == null) {
            throw new UnknownEventTypeException(name);
        }
        return type;
    }
}
