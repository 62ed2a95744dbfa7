package dev.parley.benchmark;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A system under test, set up and ready: one conversation per pair, visitor sockets to send on, agent sockets that receive. */
interface Target extends AutoCloseable {

    /** One conversation: the visitor socket its messages are sent on. */
    record Pair(int index, String conversationId, BenchSocket visitor) {}

    String name();

    /** How its share of this JVM's CPU is named in the CPU lines: {@code parley_jvm}, {@code relay_jvm}. */
    String jvmShare();

    List<Pair> pairs();

    /** Where the messages arrive; several pairs may share one socket. */
    List<BenchSocket> agentSockets();

    /** Facts worth printing next to the result: sockets the servers see, processes' CPU, and so on. */
    Map<String, String> describe();

    /** CPU time spent so far by each process of this target outside this JVM (Postgres, Redis), nanoseconds. */
    default Map<String, Long> processCpuNanos() {
        return Map.of();
    }

    /** Lines worth printing next to the result that are not one fact each (the idle sockets' memory). */
    default List<String> findings() {
        return List.of();
    }

    /** Sees the commands on their way through Kafka, where the target has Kafka and the run wants hops. */
    default @Nullable CommandTap commandTap() {
        return null;
    }

    @Override
    void close();
}
