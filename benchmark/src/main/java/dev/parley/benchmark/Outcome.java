package dev.parley.benchmark;

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
 * @param sendLag how late the sender was against its schedule, microseconds, measured part only
 * @param cpuNanos CPU time of this JVM while the measured part was sent
 * @param externalCpuNanos CPU time of the target's other processes (Postgres, Redis) meanwhile
 * @param measuredSent messages sent in the measured part
 * @param measuredSeconds how long the measured part took to send
 */
record Outcome(
        String label,
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
        long cpuNanos,
        long externalCpuNanos,
        long measuredSent,
        double measuredSeconds) {

    long lost() {
        return sent - received;
    }

    /** The line the brief asks for: {@code LABEL rate=… sent=… … max_ms=…}. */
    String line() {
        return String.format(
                Locale.ROOT,
                "%s rate=%d sent=%d received=%d lost=%d duplicated=%d reordered=%d"
                        + " p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f",
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
                latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0);
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
        out.append(String.format(
                Locale.ROOT,
                "%s: CPU while measuring: this JVM %.1f s (%.0f%% of one core, %.3f ms per message)",
                label,
                cpuNanos / 1e9,
                100.0 * cpuNanos / 1e9 / Math.max(measuredSeconds, 1e-9),
                cpuNanos / 1e6 / Math.max(measuredSent, 1)));
        if (externalCpuNanos > 0) {
            out.append(String.format(
                    Locale.ROOT,
                    "; Postgres+Redis %.1f s (%.3f ms per message)",
                    externalCpuNanos / 1e9,
                    externalCpuNanos / 1e6 / Math.max(measuredSent, 1)));
        }
        out.append(System.lineSeparator());
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

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
