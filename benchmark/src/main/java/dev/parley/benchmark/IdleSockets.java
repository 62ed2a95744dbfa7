package dev.parley.benchmark;

import com.sun.management.GcInfo;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import reactor.netty.http.client.HttpClient;

/**
 * {@code --idle-sockets K}: K more visitors of the site, each with a token from the widget's
 * bootstrap call and an open socket that sends nothing, alternately on either gateway node;
 * connected before measuring and kept open while it lasts. What they cost in memory is taken
 * before and after connecting them: the heap as a full GC leaves it, and the process's RSS. Both
 * ends of every socket are in this JVM (client and gateway), so the cost is of the pair.
 */
final class IdleSockets implements AutoCloseable {

    /** What a socket may take from its handshake to the server's first frame (its welcome). */
    private static final Duration WELCOME_TIMEOUT = Duration.ofSeconds(60);

    /** How long RSS may take to settle after a full GC. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);

    /** The heap after a full GC (and what is committed for it), RSS once it settled, open files. */
    record Memory(long heapBytes, long committedBytes, long rssKb, long openFiles) {

        static Memory now() {
            long heap = heapAfterGc();
            long committed =
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
            return new Memory(heap, committed, settledRssKb(), ProcessStats.openFiles());
        }
    }

    private final List<BenchSocket> sockets = new CopyOnWriteArrayList<>();
    private final Set<BenchSocket> welcomed = ConcurrentHashMap.newKeySet();
    private Memory before = new Memory(0, 0, 0, 0);
    private Memory after = before;
    private double seconds;

    private IdleSockets() {}

    /** Bootstraps and connects {@code count} visitors, {@link Concurrently} so thousands take seconds, not minutes. */
    static IdleSockets connect(
            int count, HttpClient client, List<ParleyApi> gateways, String siteKey, String origin, PrintStream out) {
        IdleSockets idle = new IdleSockets();
        try {
            idle.before = Memory.now();
            long began = System.nanoTime();
            BenchSocket.Listener greeted = (socket, frame, at) -> idle.welcomed.add(socket);
            Concurrently.map(
                    count, Concurrently.CONCURRENCY, Duration.ofSeconds(60).plusMillis(count * 50L), i -> {
                        ParleyApi gateway = gateways.get(i % gateways.size());
                        String token = gateway.newVisitor(siteKey, origin);
                        BenchSocket socket = BenchSocket.open(
                                client,
                                gateway.webSocketUrl("/ws/visitor?token=" + ParleyApi.encode(token)),
                                origin,
                                "idle-" + i,
                                greeted);
                        idle.sockets.add(socket);
                        return socket;
                    });
            // Open is not done at the handshake: the gateway then subscribes the visitor's channel and greets.
            long deadline = System.nanoTime() + WELCOME_TIMEOUT.toNanos();
            while (idle.welcomed.size() < count && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            idle.seconds = (System.nanoTime() - began) / 1e9;
            idle.after = Memory.now();
            out.printf(
                    Locale.ROOT,
                    "bench: %d idle visitor sockets connected (over %d gateway nodes, %d greeted) in %.1f s;"
                            + " heap after GC %.1f -> %.1f MiB (committed %.0f -> %.0f MiB), RSS %d -> %d kB,"
                            + " open files %d -> %d%n",
                    count,
                    gateways.size(),
                    idle.welcomed.size(),
                    idle.seconds,
                    idle.before.heapBytes() / 1048576.0,
                    idle.after.heapBytes() / 1048576.0,
                    idle.before.committedBytes() / 1048576.0,
                    idle.after.committedBytes() / 1048576.0,
                    idle.before.rssKb(),
                    idle.after.rssKb(),
                    idle.before.openFiles(),
                    idle.after.openFiles());
            return idle;
        } catch (RuntimeException e) {
            idle.close();
            throw e;
        }
    }

    /** {@code idle sockets K connected; memory per idle socket: heap X KB, rss Y KB (…)}. */
    String line() {
        int count = Math.max(1, sockets.size());
        return String.format(
                Locale.ROOT,
                "idle sockets %d connected; memory per idle socket: heap %.1f KB, rss %.1f KB"
                        + " (server and client sides of each socket in this one JVM)",
                sockets.size(),
                (after.heapBytes() - before.heapBytes()) / 1024.0 / count,
                (double) (after.rssKb() - before.rssKb()) / count);
    }

    /** Still open now: neither closed by the server nor failed. */
    long stillOpen() {
        return sockets.stream()
                .filter(socket -> socket.isOpen() && socket.closeStatus() == null)
                .count();
    }

    int size() {
        return sockets.size();
    }

    /**
     * Heap in use after a full GC, bytes: {@link System#gc()} (a full, stop-the-world collection
     * with G1 and the other collectors by default), then what the collection that ran last left
     * in the heap pools, as its {@link com.sun.management.GarbageCollectorMXBean} reports it (not
     * the usage read afterwards, which already holds what was allocated since).
     */
    static long heapAfterGc() {
        Map<String, Long> countsBefore = new HashMap<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            countsBefore.put(gc.getName(), gc.getCollectionCount());
        }
        System.gc();
        GcInfo latest = null;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean bean
                    && bean.getCollectionCount() > countsBefore.getOrDefault(gc.getName(), 0L)) {
                GcInfo info = bean.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        return latest.getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed())
                .sum();
    }

    /**
     * RSS once a full GC's shrinking of the heap has reached the process: G1 gives the memory of
     * the regions it frees back in the background, after the collection returned, so RSS read at
     * once would still hold them (and the next reading would not).
     */
    private static long settledRssKb() {
        long pid = ProcessHandle.current().pid();
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        long rss = ProcessStats.rssKb(pid);
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            long next = ProcessStats.rssKb(pid);
            if (next > rss - 1024) {
                return next;
            }
            rss = next;
        }
        return rss;
    }

    @Override
    public void close() {
        sockets.forEach(BenchSocket::close);
    }
}
