package dev.parley.benchmark;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A system under test, set up and ready: one conversation per pair, visitor sockets to send on, agent sockets that receive. */
interface Target extends AutoCloseable {

    /** One conversation: the visitor socket its messages are sent on. */
    record Pair(int index, String conversationId, BenchSocket visitor) {}

    String name();

    List<Pair> pairs();

    /** Where the messages arrive. */
    List<BenchSocket> agentSockets();

    /** Facts worth printing next to the result: sockets the servers see, processes' CPU, and so on. */
    Map<String, String> describe();

    /** CPU time spent so far by processes of this target outside this JVM (Postgres, Redis), nanoseconds. */
    default long externalCpuNanos() {
        return 0;
    }

    /** Sees the commands on their way through Kafka, where the target has Kafka. */
    default @Nullable CommandTap commandTap() {
        return null;
    }

    @Override
    void close();
}
