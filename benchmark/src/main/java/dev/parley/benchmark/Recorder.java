package dev.parley.benchmark;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the agents' sockets receive during one run: each message's latency from the moment it was
 * scheduled to be sent, and whether it came once and in its conversation's order.
 *
 * <p>Every message is tagged {@code c<pair>n<seq>t<micros>} in its {@code clientMsgId} (and text):
 * its pair, its sequence number within the pair's conversation (1, 2, 3…) and the time it was
 * scheduled, in microseconds since the run's origin. The latency is taken from that scheduled
 * time, not from when the sender got round to it, so a stall anywhere — the sender included — is
 * charged to every message it delays (no coordinated omission).
 *
 * <p>A conversation's seq goes on from one run to the next on the same sockets ({@code
 * --find-max}'s steps): {@code seqBase} is the last seq of the runs before, so each message's
 * {@code clientMsgId} is new to Parley, which stores a repeated one only once, as a retry. A
 * message of an earlier run that arrives now is counted apart ({@link #stale}), not as this run's.
 */
final class Recorder implements BenchSocket.Listener {

    /** Latencies up to 10 minutes, microseconds, 3 significant digits. */
    static final long HIGHEST_MICROS = 600_000_000L;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Target.Pair> pairs;
    private final Conversation[] conversations;
    private final long originNanos;
    private final long originEpochMicros;
    private final long measureFromMicros;
    private final long seqBase;
    private final Histogram latency = new SynchronizedHistogram(HIGHEST_MICROS, 3);
    private final @Nullable CommandTap tap;
    /** The path in four hops (Parley only), in path order. */
    private final Map<String, Histogram> hops = new LinkedHashMap<>();

    private final AtomicLong foreign = new AtomicLong();
    private final AtomicLong misrouted = new AtomicLong();
    private final LongAdder distinct = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final Map<String, LongAdder> visitorErrors = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** One conversation's receipts; guarded by itself (a conversation may reach more than one socket). */
    private static final class Conversation {
        final BitSet received = new BitSet();
        long highestSeq;
        long duplicated;
        long reordered;
    }

    static final String CLIENT_TO_GATEWAY = "visitor socket → gateway A";
    static final String GATEWAY_TO_CONSUMER = "gateway A → Kafka → a consumer";
    static final String CONSUMER_TO_STORED = "consumer → stored (postedAt)";
    static final String STORED_TO_AGENT = "stored → Redis → gateway B → agent socket";

    Recorder(
            List<Target.Pair> pairs,
            long originNanos,
            long originEpochMicros,
            long measureFromMicros,
            long seqBase,
            @Nullable CommandTap tap) {
        this.pairs = pairs;
        this.tap = tap;
        for (String hop : List.of(CLIENT_TO_GATEWAY, GATEWAY_TO_CONSUMER, CONSUMER_TO_STORED, STORED_TO_AGENT)) {
            hops.put(hop, new SynchronizedHistogram(HIGHEST_MICROS, 3));
        }
        this.conversations = new Conversation[pairs.size()];
        for (int i = 0; i < conversations.length; i++) {
            conversations[i] = new Conversation();
        }
        this.originNanos = originNanos;
        this.originEpochMicros = originEpochMicros;
        this.measureFromMicros = measureFromMicros;
        this.seqBase = seqBase;
    }

    static String tag(int pair, long seq, long scheduledMicros) {
        return "c" + pair + "n" + seq + "t" + scheduledMicros;
    }

    /** An agent socket read a frame. */
    @Override
    public void onFrame(BenchSocket socket, String text, long receivedNanos) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JacksonException e) {
            foreign.incrementAndGet();
            return;
        }
        String type = frame.path("type").asString("");
        // Parley delivers "message" frames; the baseline relay passes the visitor's "message.send" on as it is.
        if (!type.equals("message") && !type.equals("message.send")) {
            return;
        }
        long[] tag = parseTag(frame.path("clientMsgId").asString(""));
        if (tag == null || tag[0] >= conversations.length) {
            foreign.incrementAndGet();
            return;
        }
        int pair = (int) tag[0];
        long seq = tag[1] - seqBase;
        long scheduledMicros = tag[2];
        if (seq <= 0) {
            stale.increment();
            if (tap != null) {
                tap.take(frame.path("clientMsgId").asString(""));
            }
            return;
        }
        if (!pairs.get(pair)
                .conversationId()
                .equals(frame.path("conversationId").asString(""))) {
            misrouted.incrementAndGet();
            return;
        }
        Conversation conversation = conversations[pair];
        synchronized (conversation) {
            if (conversation.received.get((int) seq)) {
                conversation.duplicated++;
                return;
            }
            conversation.received.set((int) seq);
            if (seq < conversation.highestSeq) {
                conversation.reordered++;
            } else {
                conversation.highestSeq = seq;
            }
        }
        CommandTap.Seen command =
                tap == null ? null : tap.take(frame.path("clientMsgId").asString(""));
        if (closed) {
            late.increment(); // after the grace period: lost for this run, but not dropped
            return;
        }
        distinct.increment();
        if (scheduledMicros < measureFromMicros) {
            return; // warm-up
        }
        long receivedMicros = (receivedNanos - originNanos) / 1_000;
        latency.recordValue(clamp(receivedMicros - scheduledMicros));
        if (tap == null) {
            return; // the baseline relay, or --no-hops: no hops to tell apart
        }
        long postedAtMicros = epochMicros(frame.path("postedAt").asString(null));
        if (postedAtMicros <= 0) {
            return;
        }
        // Parley stamps postedAt when session-service stores the message; the tap saw the command.
        long storedMicros = postedAtMicros - originEpochMicros;
        hops.get(STORED_TO_AGENT).recordValue(clamp(receivedMicros - storedMicros));
        if (command != null && command.sentAtEpochMicros() > 0) {
            long gatewayMicros = command.sentAtEpochMicros() - originEpochMicros;
            long consumedMicros = (command.readNanos() - originNanos) / 1_000;
            hops.get(CLIENT_TO_GATEWAY).recordValue(clamp(gatewayMicros - scheduledMicros));
            hops.get(GATEWAY_TO_CONSUMER).recordValue(clamp(consumedMicros - gatewayMicros));
            hops.get(CONSUMER_TO_STORED).recordValue(clamp(storedMicros - consumedMicros));
        }
    }

    /** A visitor socket read a frame: only refusals matter (its own messages come back to it too). */
    BenchSocket.Listener visitorListener() {
        return (socket, text, receivedNanos) -> {
            if (closed || !text.contains("\"error\"")) {
                return;
            }
            try {
                JsonNode frame = JSON.readTree(text);
                if (frame.path("type").asString("").equals("error")) {
                    visitorErrors
                            .computeIfAbsent(frame.path("code").asString("?"), code -> new LongAdder())
                            .increment();
                }
            } catch (JacksonException e) {
                foreign.incrementAndGet();
            }
        };
    }

    /**
     * Stops counting: whatever arrives later is lost as far as this run is concerned (and counted
     * as {@link #late}, while this recorder still listens).
     */
    void close() {
        closed = true;
    }

    long distinctReceived() {
        return distinct.sum();
    }

    /** This run's messages that arrived, once each, after {@link #close}. */
    long late() {
        return late.sum();
    }

    /** Messages of an earlier run on the same sockets that arrived during this one. */
    long stale() {
        return stale.sum();
    }

    /**
     * Of the first {@code count} messages of the schedule (message {@code i} is pair {@code i mod
     * N}'s seq {@code i div N + 1}), how many have not arrived yet.
     */
    long missingOfFirst(long count) {
        int n = conversations.length;
        long missing = 0;
        for (int pair = 0; pair < n; pair++) {
            long seqs = count > pair ? (count - pair + n - 1) / n : 0;
            if (seqs == 0) {
                continue;
            }
            Conversation conversation = conversations[pair];
            synchronized (conversation) {
                missing += seqs - conversation.received.get(1, (int) seqs + 1).cardinality();
            }
        }
        return missing;
    }

    long duplicated() {
        long sum = 0;
        for (Conversation conversation : conversations) {
            synchronized (conversation) {
                sum += conversation.duplicated;
            }
        }
        return sum;
    }

    long reordered() {
        long sum = 0;
        for (Conversation conversation : conversations) {
            synchronized (conversation) {
                sum += conversation.reordered;
            }
        }
        return sum;
    }

    long foreign() {
        return foreign.get();
    }

    long misrouted() {
        return misrouted.get();
    }

    Map<String, Long> visitorErrors() {
        Map<String, Long> counts = new HashMap<>();
        visitorErrors.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }

    Histogram latency() {
        return latency.copy();
    }

    /** Each hop's histogram (Parley only; empty for the baseline), in path order. */
    Map<String, Histogram> hops() {
        Map<String, Histogram> copies = new LinkedHashMap<>();
        hops.forEach((hop, histogram) -> copies.put(hop, histogram.copy()));
        return copies;
    }

    private static long clamp(long micros) {
        return Math.max(0, Math.min(HIGHEST_MICROS, micros));
    }

    private static long epochMicros(@Nullable String instant) {
        if (instant == null || instant.isEmpty()) {
            return -1;
        }
        try {
            Instant parsed = Instant.parse(instant);
            return parsed.getEpochSecond() * 1_000_000 + parsed.getNano() / 1_000;
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** {@code c<pair>n<seq>t<micros>} as three numbers, or null. */
    static long @Nullable [] parseTag(String tag) {
        int n = tag.indexOf('n');
        int t = tag.indexOf('t');
        if (!tag.startsWith("c") || n < 2 || t < n + 2 || t == tag.length() - 1) {
            return null;
        }
        try {
            return new long[] {
                Long.parseLong(tag, 1, n, 10),
                Long.parseLong(tag, n + 1, t, 10),
                Long.parseLong(tag, t + 1, tag.length(), 10)
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
