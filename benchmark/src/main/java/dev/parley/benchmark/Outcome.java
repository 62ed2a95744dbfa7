package dev.parley.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One run's result.
 *
 * @param sent messages sent, warm-up included
 * @param received distinct messages the agents' sockets received before the grace period ended
 * @param latency scheduled send to agent receipt, microseconds, measured part only
 * @param hops the path hop by hop, microseconds (Parley only; see {@link Recorder})
 * @param undeliveredInKafka of the lost, how many the gateway had put into Kafka (Parley only, else -1)
 * @param jvmShare how the server's share of this JVM is named ({@code parley_jvm}, {@code relay_jvm})
 * @param sendLag how late the sender was against its schedule, microseconds, measured part only
 * @param cpu CPU time while the measured part was sent, by who spent it
 * @param deliveredWhileMeasuring distinct messages the agents received while the measured part was
 *     sent: what the CPU per message is divided by (what was done in that time, not what was asked)
 * @param measuredSent messages sent in the measured part
 * @param measuredSeconds how long the measured part took to send
 * @param late of the lost, how many arrived while the run drained after its grace period (-1: it did not)
 * @param behind messages not yet received at the last send although due {@link Options#behindAfter}
 *     before it: a queue that grows
 * @param stale messages of an earlier run on the same sockets that arrived during this one
 */
record Outcome(
        String label,
        String jvmShare,
        int rate,
        long sent,
        long received,
        long duplicated,
        long reordered,
        long misrouted,
        long refusedSends,
        Map<String, Long> visitorErrors,
        Histogram latency,
        Map<String, Histogram> hops,
        long undeliveredInKafka,
        Histogram sendLag,
        CpuMeter.Use cpu,
        long deliveredWhileMeasuring,
        long measuredSent,
        double measuredSeconds,
        long late,
        long behind,
        long stale) {

    long lost() {
        return sent - received;
    }

    /** CPU of the system under test (its share of this JVM and its processes) per message delivered while measuring, ms. */
    double cpuMsPerMessage() {
        return perDelivered(cpu.totalNanos());
    }

    double p99Ms() {
        return ms(latency, 99);
    }

    private double perDelivered(long nanos) {
        return nanos / 1e6 / Math.max(deliveredWhileMeasuring, 1);
    }

    /** The line the brief asks for: {@code LABEL rate=… sent=… … max_ms=…}. */
    String line() {
        return String.format(
                Locale.ROOT,
                "%s rate=%d sent=%d received=%d lost=%d duplicated=%d reordered=%d"
                        + " p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f cpu_ms_per_msg=%.3f",
                label,
                rate,
                sent,
                received,
                lost(),
                duplicated,
                reordered,
                ms(latency, 50),
                ms(latency, 90),
                ms(latency, 99),
                ms(latency, 99.9),
                maxMs(),
                cpuMsPerMessage());
    }

    double maxMs() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
    }

    /** The details that explain the line. */
    String details() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%s: measured %d of %d messages; sent at %.1f msg/s; sender lag p50 %.2f ms p99 %.2f ms max %.2f ms%n",
                label,
                latency.getTotalCount(),
                measuredSent,
                measuredSent / Math.max(measuredSeconds, 1e-9),
                ms(sendLag, 50),
                ms(sendLag, 99),
                sendLag.getTotalCount() == 0 ? 0 : sendLag.getMaxValue() / 1000.0));
        long jvmNanos = cpu.jvmNanos();
        long externalNanos =
                cpu.processNanos().values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format(
                Locale.ROOT,
                "%s: CPU while measuring: this JVM %.1f s (%.0f%% of one core, %.3f ms per message)",
                label,
                jvmNanos / 1e9,
                100.0 * jvmNanos / 1e9 / Math.max(measuredSeconds, 1e-9),
                jvmNanos / 1e6 / Math.max(measuredSent, 1)));
        if (externalNanos > 0) {
            out.append(String.format(
                    Locale.ROOT,
                    "; Postgres+Redis %.1f s (%.3f ms per message)",
                    externalNanos / 1e9,
                    externalNanos / 1e6 / Math.max(measuredSent, 1)));
        }
        out.append(" (per message sent)").append(System.lineSeparator());
        out.append(cpuSeconds()).append(System.lineSeparator());
        out.append(cpuPerMessage()).append(System.lineSeparator());
        if (!cpu.serverThreadsByName().isEmpty()) {
            out.append(cpuByThread()).append(System.lineSeparator());
        }
        hops.forEach((hop, histogram) -> {
            if (histogram.getTotalCount() > 0) {
                out.append(String.format(
                        Locale.ROOT,
                        "%s: hop %-42s p50 %8.2f  p90 %8.2f  p99 %8.2f  max %8.2f ms (%d messages)%n",
                        label,
                        hop,
                        ms(histogram, 50),
                        ms(histogram, 90),
                        ms(histogram, 99),
                        histogram.getMaxValue() / 1000.0,
                        histogram.getTotalCount()));
            }
        });
        if (lost() > 0 && undeliveredInKafka >= 0) {
            out.append(String.format(
                    Locale.ROOT,
                    "%s: of the %d lost, %d had reached Kafka from the gateway (still in flight, not dropped by the client)%n",
                    label,
                    lost(),
                    Math.min(lost(), undeliveredInKafka)));
        }
        if (late > 0) {
            out.append(String.format(
                    Locale.ROOT,
                    "%s: of the %d lost, %d arrived after the grace period, while draining (late, not dropped)%n",
                    label,
                    lost(),
                    late));
        }
        if (stale > 0) {
            out.append(String.format(
                    Locale.ROOT,
                    "%s: %d messages of the run before arrived during this one (not counted in it)%n",
                    label,
                    stale));
        }
        if (misrouted > 0 || refusedSends > 0 || !visitorErrors.isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%s: misrouted %d, unsendable %d, errors to visitors %s%n",
                    label,
                    misrouted,
                    refusedSends,
                    visitorErrors));
        }
        return out.toString();
    }

    /** Where the CPU went, seconds: the server's share of this JVM split, each process, the client's threads. */
    private String cpuSeconds() {
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "%s: CPU while measuring, by who: %s %.2f s (its live threads %.2f s; GC, JIT, VM and ended threads %.2f s)",
                label,
                jvmShare,
                cpu.serverJvmNanos() / 1e9,
                cpu.serverThreadNanos() / 1e9,
                (cpu.serverJvmNanos() - cpu.serverThreadNanos()) / 1e9));
        cpu.processNanos()
                .forEach((name, nanos) -> line.append(String.format(Locale.ROOT, ", %s %.2f s", name, nanos / 1e9)));
        line.append(String.format(
                Locale.ROOT, ", total %.2f s; client %.2f s (", cpu.totalNanos() / 1e9, cpu.clientNanos() / 1e9));
        List<String> parts = new ArrayList<>();
        cpu.threadNanos().forEach((group, nanos) -> {
            // The tap and set-up threads only where they ran.
            boolean always = group.equals(CpuMeter.SENDER) || group.equals(CpuMeter.EVENT_LOOPS);
            if (!group.equals(CpuMeter.SERVER) && (always || nanos > 0)) {
                parts.add(String.format(Locale.ROOT, "%s %.2f s", group, nanos / 1e9));
            }
        });
        return line.append(String.join(", ", parts)).append(")").toString();
    }

    /**
     * The server's live threads by name (digits folded), ms per message delivered, the ten that
     * spent most: {@code reactor-tcp-epoll-#} is R2DBC, {@code data-plane-kafka-…} the embedded
     * broker, {@code reactor-http-epoll-#} the gateways' sockets, {@code lettuce-…} Redis.
     */
    private String cpuByThread() {
        List<String> parts = new ArrayList<>();
        cpu.serverThreadsByName().entrySet().stream()
                .limit(10)
                .forEach(entry -> parts.add(
                        String.format(Locale.ROOT, "%s=%.3f", entry.getKey(), perDelivered(entry.getValue()))));
        return String.format(
                Locale.ROOT, "%s: CPU per message by %s thread: %s", label, jvmShare, String.join(" ", parts));
    }

    /** The same per message delivered while measuring: {@code parley_jvm=… postgres=… redis=… total=… client=… ms}. */
    private String cpuPerMessage() {
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT, "%s: CPU per message: %s=%.3f", label, jvmShare, perDelivered(cpu.serverJvmNanos())));
        cpu.processNanos()
                .forEach((name, nanos) ->
                        line.append(String.format(Locale.ROOT, " %s=%.3f", name, perDelivered(nanos))));
        return line.append(String.format(
                        Locale.ROOT,
                        " total=%.3f client=%.3f ms (per message delivered while measuring: %d in %.1f s;"
                                + " not per message sent, %d)",
                        cpuMsPerMessage(),
                        perDelivered(cpu.clientNanos()),
                        deliveredWhileMeasuring,
                        measuredSeconds,
                        measuredSent))
                .toString();
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
