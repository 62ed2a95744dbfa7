package dev.parley.routing.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The frames are the protocol: exact JSON, as docs/protocol.md shows it. */
class FramesTest {

    private static final UUID CONVERSATION = UUID.fromString("9f3c2d1e-7a6b-4c5d-8e9f-0a1b2c3d4e5f");
    private static final UUID DEPARTMENT = UUID.fromString("2c4e6a8b-1d3f-4a5b-9c7d-0e1f2a3b4c5d");
    private static final UUID AGENT = UUID.fromString("4a6c8e0f-2b4d-4f6a-8c0e-1a3b5c7d9e0f");

    @Test
    void conversationQueued() {
        assertThat(Frames.queued(CONVERSATION, DEPARTMENT, 3, 90))
                .isEqualTo("{\"type\":\"conversation.queued\",\"conversationId\":\"" + CONVERSATION
                        + "\",\"departmentId\":\"" + DEPARTMENT + "\",\"position\":3,\"estimatedWaitSeconds\":90}");
    }

    @Test
    void conversationAssigned() {
        assertThat(Frames.assigned(CONVERSATION, AGENT, "Ada"))
                .isEqualTo("{\"type\":\"conversation.assigned\",\"conversationId\":\"" + CONVERSATION
                        + "\",\"agent\":{\"id\":\"" + AGENT + "\",\"name\":\"Ada\"}}");
    }

    @Test
    void conversationUnavailable() {
        assertThat(Frames.unavailable(CONVERSATION, "no_agent_online"))
                .isEqualTo("{\"type\":\"conversation.unavailable\",\"conversationId\":\"" + CONVERSATION
                        + "\",\"reason\":\"no_agent_online\"}");
    }

    @Test
    void offerAndItsRevocation() {
        assertThat(Frames.offer(CONVERSATION, DEPARTMENT, "Grace", Instant.parse("2026-11-24T10:00:30Z")))
                .isEqualTo("{\"type\":\"offer\",\"conversationId\":\"" + CONVERSATION + "\",\"departmentId\":\""
                        + DEPARTMENT + "\",\"visitorName\":\"Grace\",\"expiresAt\":\"2026-11-24T10:00:30Z\"}");
        assertThat(Frames.offerRevoked(CONVERSATION, "taken"))
                .isEqualTo("{\"type\":\"offer.revoked\",\"conversationId\":\"" + CONVERSATION
                        + "\",\"reason\":\"taken\"}");
    }

    @Test
    void queueSnapshotKeepsTheSurveyOrderAndLeavesOutAnUnknownPage() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("name", "Grace");
        answers.put("order", "A-42");
        answers.put("email", "grace@example.com");
        var entry = new Frames.QueueEntry(
                CONVERSATION, "Grace", Instant.parse("2026-11-24T10:00:00.123456Z"), 1, answers, null);

        assertThat(Frames.queue(DEPARTMENT, List.of(entry)))
                .isEqualTo("{\"type\":\"queue\",\"departmentId\":\"" + DEPARTMENT + "\",\"entries\":[{"
                        + "\"conversationId\":\"" + CONVERSATION + "\",\"visitorName\":\"Grace\","
                        + "\"waitingSince\":\"2026-11-24T10:00:00.123456Z\",\"position\":1,"
                        + "\"answers\":{\"name\":\"Grace\",\"order\":\"A-42\",\"email\":\"grace@example.com\"}}]}");
    }

    @Test
    void refusedTransfer() {
        assertThat(Frames.error("transfer_refused", "Bob is not online", "conversation.transfer", CONVERSATION))
                .isEqualTo("{\"type\":\"error\",\"code\":\"transfer_refused\",\"message\":\"Bob is not online\","
                        + "\"ref\":{\"type\":\"conversation.transfer\",\"conversationId\":\"" + CONVERSATION + "\"}}");
    }
}
