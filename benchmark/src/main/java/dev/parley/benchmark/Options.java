package dev.parley.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ./parley bench} was asked for.
 *
 * @param rate messages per second, all conversations together
 * @param duration how long the measured part of each run lasts
 * @param warmup how long each run sends before measuring (those messages are checked for loss,
 *     duplicates and order, but left out of the histogram)
 * @param conversations visitor/agent pairs the messages are spread over, round robin
 * @param grace how long to wait after the last send for messages still on their way
 * @param only {@code baseline}, {@code parley} or {@code both}
 */
record Options(int rate, Duration duration, Duration warmup, int conversations, Duration grace, String only) {

    static final String USAGE = """
            usage: ./parley bench [--rate R] [--duration S] [--warmup S] [--conversations N] [--grace S]
                                  [--only baseline|parley]
              --rate R           messages per second over all conversations, visitor to agent (200)
              --duration S       measured seconds per run (30)
              --warmup S         seconds sent before measuring, left out of the histogram (5)
              --conversations N  visitor/agent pairs, one conversation each (50)
              --grace S          seconds to wait for messages still in flight after the last send (10)
              --only WHICH       run only the baseline relay or only Parley (both)
            """;

    /** Parley refuses more than this many frames a second per socket on average (docs/protocol.md). */
    static final int SOCKET_FRAMES_PER_SECOND = 20;

    static Options parse(String[] args) {
        int rate = 200;
        int duration = 30;
        int warmup = 5;
        int conversations = 50;
        int grace = 10;
        String only = "both";
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i);
            if (name.equals("-h") || name.equals("--help")) {
                throw new UsageException(null);
            }
            if (i + 1 >= list.size()) {
                throw new UsageException(name + " needs a value");
            }
            String value = list.get(++i);
            switch (name) {
                case "--rate" -> rate = positive(name, value, 100_000);
                case "--duration" -> duration = positive(name, value, 3600);
                case "--warmup" -> warmup = number(name, value, 0, 600);
                case "--conversations" -> conversations = positive(name, value, 5_000);
                case "--grace" -> grace = number(name, value, 1, 600);
                case "--only" -> {
                    only = value.toLowerCase(Locale.ROOT);
                    if (!List.of("baseline", "parley", "both").contains(only)) {
                        throw new UsageException("--only is baseline, parley or both");
                    }
                }
                default -> throw new UsageException("unknown option " + name);
            }
        }
        return new Options(
                rate,
                Duration.ofSeconds(duration),
                Duration.ofSeconds(warmup),
                conversations,
                Duration.ofSeconds(grace),
                only);
    }

    boolean runBaseline() {
        return !only.equals("parley");
    }

    boolean runParley() {
        return !only.equals("baseline");
    }

    /** Messages each run sends, warm-up included. */
    long totalMessages() {
        return Math.round(rate * (warmup.toNanos() + duration.toNanos()) / 1e9);
    }

    /** Frames per second each visitor socket sends. */
    double perSocketRate() {
        return (double) rate / conversations;
    }

    private static int positive(String name, String value, int max) {
        return number(name, value, 1, max);
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new UsageException(name + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number");
        }
    }

    /** Bad arguments: the message (none for --help) and the usage. */
    static final class UsageException extends RuntimeException {
        UsageException(@Nullable String message) {
            super(message);
        }
    }
}
