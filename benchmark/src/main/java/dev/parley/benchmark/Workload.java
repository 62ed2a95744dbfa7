package dev.parley.benchmark;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The open-loop schedule, the same for every target: message {@code i} is due at {@code origin +
 * i / rate} and goes to pair {@code i mod N} as that conversation's message number {@code i div N
 * + 1}. The sender never waits for an answer; when it falls behind it sends what is due at once,
 * and the latency still counts from the due time.
 *
 * <p>One instance runs every run on a target's sockets: the seqs go on from one run to the next
 * (see {@link Recorder}).
 */
final class Workload {

    /** The first message is due this long after the sockets are handed to the recorder. */
    private static final long LEAD_NANOS = 200_000_000L;

    private final Options options;
    private final PrintStream out;
    /** The highest seq any conversation was given by the runs so far. */
    private long seqBase;

    Workload(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * One run at {@code rate}: warm-up, measured part, grace period.
     *
     * @param drain after the grace period, how long to go on waiting for what is still missing (it
     *     is then counted as late, still lost for this run), so that the next run on the same
     *     target starts from empty queues; zero for none
     */
    Outcome run(String label, Target target, int rate, Duration drain) {
        List<Target.Pair> pairs = target.pairs();
        int n = pairs.size();
        long total = options.totalMessages(rate);
        double intervalNanos = 1e9 / rate;
        long originNanos = System.nanoTime() + LEAD_NANOS;
        Instant originWall = Instant.now().plusNanos(LEAD_NANOS);
        long originEpochMicros = originWall.getEpochSecond() * 1_000_000 + originWall.getNano() / 1_000;
        long base = seqBase;
        seqBase += total / n + 1;
        Recorder recorder = new Recorder(
                pairs, originNanos, originEpochMicros, options.warmup().toNanos() / 1_000, base, target.commandTap());
        target.agentSockets().forEach(socket -> socket.listen(recorder));
        BenchSocket.Listener visitorListener = recorder.visitorListener();
        pairs.forEach(pair -> pair.visitor().listen(visitorListener));

        out.printf(
                Locale.ROOT,
                "bench: %s: sending %d messages at %d msg/s over %d conversations (%.1f msg/s each)"
                        + " to %d agent sockets, %d s warm-up + %d s measured; load average %s%n",
                label,
                total,
                rate,
                n,
                (double) rate / n,
                target.agentSockets().size(),
                options.warmup().toSeconds(),
                options.duration().toSeconds(),
                ProcessStats.loadAverage());
        Histogram sendLag = new Histogram(Recorder.HIGHEST_MICROS, 3);
        long measureFromNanos = originNanos + options.warmup().toNanos();
        CpuMeter.Sample cpuBefore = null;
        long deliveredBefore = 0;
        long measuredSent = 0;
        String[] conversationIds =
                pairs.stream().map(Target.Pair::conversationId).toArray(String[]::new);
        for (long i = 0; i < total; i++) {
            long due = originNanos + (long) (i * intervalNanos);
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            boolean measured = due >= measureFromNanos;
            if (measured && cpuBefore == null) {
                // The warm-up is over: CPU and sender lag count from here, as the histogram does.
                cpuBefore = CpuMeter.sample(target);
                deliveredBefore = recorder.distinctReceived();
            }
            int pair = (int) (i % n);
            long seq = base + i / n + 1;
            long dueMicros = (due - originNanos) / 1_000;
            String tag = Recorder.tag(pair, seq, dueMicros);
            pairs.get(pair).visitor().send(frame(conversationIds[pair], tag, pair, seq));
            if (measured) {
                sendLag.recordValue(Math.min(Recorder.HIGHEST_MICROS, (now - due) / 1_000));
                measuredSent++;
            }
        }
        long sendEnd = System.nanoTime();
        CpuMeter.Use cpu = cpuBefore == null ? CpuMeter.none() : CpuMeter.between(cpuBefore, CpuMeter.sample(target));
        long delivered = cpuBefore == null ? 0 : recorder.distinctReceived() - deliveredBefore;
        // Falling behind: messages already far later than any that keeps up would be, at the last send.
        long behindNanos = options.behindAfter().toNanos();
        long behind = recorder.missingOfFirst(
                sendEnd - behindNanos <= originNanos
                        ? 0
                        : Math.min(total, (long) Math.ceil((sendEnd - behindNanos - originNanos) / intervalNanos)));

        // Grace: wait for what is still on its way, and no longer than needed.
        long graceEnd = sendEnd + options.grace().toNanos();
        while (recorder.distinctReceived() < total && System.nanoTime() < graceEnd) {
            LockSupport.parkNanos(20_000_000L);
        }
        // A duplicate may trail its original: a short look for late ones even when all arrived.
        LockSupport.parkNanos(Math.min(500_000_000L, Math.max(0, graceEnd - System.nanoTime())));
        recorder.close();
        CommandTap tap = target.commandTap();
        long undeliveredInKafka = tap == null ? -1 : tap.pending();
        long received = recorder.distinctReceived();
        long late = -1;
        if (!drain.isZero()) {
            long drainEnd = System.nanoTime() + drain.toNanos();
            while (received + recorder.late() < total && System.nanoTime() < drainEnd) {
                LockSupport.parkNanos(20_000_000L);
            }
            late = recorder.late();
        }
        long refused =
                pairs.stream().mapToLong(pair -> pair.visitor().refusedSends()).sum();
        return new Outcome(
                label,
                target.jvmShare(),
                rate,
                total,
                received,
                recorder.duplicated(),
                recorder.reordered(),
                recorder.misrouted(),
                refused,
                recorder.visitorErrors(),
                recorder.latency(),
                recorder.hops(),
                undeliveredInKafka,
                sendLag,
                cpu,
                delivered,
                measuredSent,
                (sendEnd - Math.max(originNanos, measureFromNanos)) / 1e9,
                late,
                behind,
                recorder.stale());
    }

    /** A visitor's message as the widget sends it; the tag in the client id and in the text. */
    static String frame(String conversationId, String tag, int pair, long seq) {
        return "{\"type\":\"message.send\",\"conversationId\":\"" + conversationId + "\",\"clientMsgId\":\"" + tag
                + "\",\"text\":\"Hello from visitor " + pair + ", message " + seq + " (bench " + tag + ")\"}";
    }
}
