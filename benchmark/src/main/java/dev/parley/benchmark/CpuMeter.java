package dev.parley.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who spent the CPU while measuring: this JVM split into the harness's own threads (the client)
 * and the rest (the server: Parley or the relay), and the target's processes outside it.
 *
 * <p>The client is every thread the harness makes, all named {@code bench-…}: {@code bench-main}
 * (the sender), {@code bench-client-…} (the client sockets' event loops, where {@link Recorder}
 * runs), {@code bench-command-tap} and the Kafka heartbeat thread of its group ({@code … |
 * bench-tap-…}), {@code bench-setup-…} and {@code bench-http-…} (set-up only). Their time comes
 * from {@link java.lang.management.ThreadMXBean}; the server's share is the process's CPU time
 * less theirs, so what belongs to no Java thread (GC, the JIT, the VM) and threads that ended
 * while measuring count to the server. The client's share is a lower bound: its allocations
 * cost GC time too.
 */
final class CpuMeter {

    static final String SENDER = "sender";
    static final String EVENT_LOOPS = "event loops";
    static final String COMMAND_TAP = "command tap";
    static final String OTHER = "other";
    static final String SERVER = "server";

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private CpuMeter() {}

    /** One moment: the JVM's CPU time, each live thread's with its group, each outside process's. */
    record Sample(long jvmNanos, Map<Long, ThreadTime> threads, Map<String, Long> processes) {}

    record ThreadTime(String group, String name, long nanos) {}

    /**
     * What was spent between two samples, nanoseconds.
     *
     * @param jvmNanos this whole JVM
     * @param threadNanos by group: {@link #SERVER} and the client's ({@link #SENDER}, …)
     * @param processNanos the target's other processes, by name
     * @param serverThreadsByName the server's live threads by name, digits folded ({@code
     *     reactor-tcp-epoll-#}), most first: where to look when a share grows
     */
    record Use(
            long jvmNanos,
            Map<String, Long> threadNanos,
            Map<String, Long> processNanos,
            Map<String, Long> serverThreadsByName) {

        long clientNanos() {
            return threadNanos.entrySet().stream()
                    .filter(entry -> !entry.getKey().equals(SERVER))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        /** The server's share of this JVM: all of it but the client's threads. */
        long serverJvmNanos() {
            return jvmNanos - clientNanos();
        }

        /** Of {@link #serverJvmNanos}, what its live Java threads spent; the rest is GC, JIT, VM, ended threads. */
        long serverThreadNanos() {
            return threadNanos.getOrDefault(SERVER, 0L);
        }

        /** The server's share of this JVM and its processes outside it: the system under test, client excluded. */
        long totalNanos() {
            return serverJvmNanos()
                    + processNanos.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static Sample sample(Target target) {
        // Threads first: the process total must not be older than the parts it is compared with.
        long[] ids = THREADS.getAllThreadIds();
        long[] nanos = THREADS.getThreadCpuTime(ids);
        ThreadInfo[] infos = THREADS.getThreadInfo(ids, 0);
        Map<Long, ThreadTime> threads = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && nanos[i] >= 0) {
                threads.put(
                        ids[i], new ThreadTime(group(infos[i].getThreadName()), infos[i].getThreadName(), nanos[i]));
            }
        }
        return new Sample(ProcessStats.jvmCpuNanos(), threads, target.processCpuNanos());
    }

    static Use between(Sample start, Sample end) {
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String group : new String[] {SERVER, SENDER, EVENT_LOOPS, COMMAND_TAP, OTHER}) {
            groups.put(group, 0L);
        }
        Map<String, Long> byName = new HashMap<>();
        end.threads().forEach((id, time) -> {
            ThreadTime before = start.threads().get(id);
            // A thread born while measuring spent all of its time in the window.
            long spent = Math.max(0, time.nanos() - (before == null ? 0 : before.nanos()));
            groups.merge(time.group(), spent, Long::sum);
            if (time.group().equals(SERVER)) {
                byName.merge(time.name().replaceAll("\\d+", "#"), spent, Long::sum);
            }
        });
        Map<String, Long> serverThreads = new LinkedHashMap<>();
        byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> serverThreads.put(entry.getKey(), entry.getValue()));
        Map<String, Long> processes = new LinkedHashMap<>();
        end.processes()
                .forEach((name, nanos) ->
                        processes.put(name, nanos - start.processes().getOrDefault(name, 0L)));
        return new Use(end.jvmNanos() - start.jvmNanos(), groups, processes, serverThreads);
    }

    /** Nothing measured (the run ended before its measured part). */
    static Use none() {
        return new Use(0, Map.of(), Map.of(), Map.of());
    }

    static String group(String threadName) {
        if (threadName.equals("bench-main")) {
            return SENDER;
        }
        if (threadName.startsWith("bench-client-")) {
            return EVENT_LOOPS;
        }
        // Kafka names a consumer's heartbeat thread "kafka-coordinator-heartbeat-thread | <group id>".
        if (threadName.equals("bench-command-tap") || threadName.contains("| bench-tap-")) {
            return COMMAND_TAP;
        }
        return threadName.startsWith("bench-") ? OTHER : SERVER;
    }
}
