package dev.parley.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ./parley bench} was asked for, with the derived counts (agents, chats for
 * {@code --find-max}) already worked out.
 *
 * @param rate messages per second, all conversations together; with {@code findMax} the first
 *     step's rate
 * @param duration how long the measured part of each run (each step) lasts
 * @param warmup how long each run (each step) sends before measuring (those messages are checked
 *     for loss, duplicates and order, but left out of the histogram)
 * @param chats visitor sockets, one conversation each, the messages are spread over round robin
 * @param agents agent sockets the chats are shared among (chat {@code i} is for agent {@code i mod
 *     agents}); each agent has room for {@link #maxChats()}
 * @param grace how long to wait after the last send for messages still on their way
 * @param only {@code baseline}, {@code parley} or {@code both}
 * @param hops whether the Parley run has its {@link CommandTap} (the path hop by hop)
 * @param findMax search the highest rate that meets {@code p99MaxMs}, Parley only
 * @param p99MaxMs the p99 a {@code findMax} step must not exceed
 * @param maxRate the highest rate {@code findMax} tries: {@code chats} × 20 unless given
 * @param steps at most this many {@code findMax} steps
 * @param idleSockets extra visitor sockets that stay open and send nothing (Parley only)
 */
record Options(
        int rate,
        Duration duration,
        Duration warmup,
        int chats,
        int agents,
        Duration grace,
        String only,
        boolean hops,
        boolean findMax,
        int p99MaxMs,
        int maxRate,
        int steps,
        int idleSockets) {

    static final String USAGE = """
            usage: ./parley bench [--rate R] [--duration S] [--warmup S] [--chats N] [--agents A] [--grace S]
                                  [--only baseline|parley] [--no-hops] [--idle-sockets K]
                                  [--find-max [--p99-max MS] [--max-rate R] [--steps N]]
              --rate R            messages per second over all chats, visitor to agent (200);
                                  with --find-max the first step's rate
              --duration S        measured seconds per run, or per step of --find-max (30)
              --warmup S          seconds sent before measuring, left out of the histogram (5)
              --chats N           visitor sockets, one conversation each (50); alias --conversations
              --agents A          agent sockets the chats are shared among (min(N, 50)); at most
                                  100 chats per agent (Parley's maxChats limit)
              --grace S           seconds to wait for messages still in flight after the last send (10)
              --only WHICH        run only the baseline relay or only Parley (both)
              --no-hops           no CommandTap (the second consumer of chat.commands.v1): no hop lines,
                                  about 5% less CPU in the JVM (--hops: with it, the default)
              --idle-sockets K    K more visitor sockets, open and silent while measuring, split over
                                  both gateway nodes; prints the memory each costs (0)
              --find-max          Parley only, started once: steps of --duration at rising rates
                                  (x1.5 while passing, then bisecting) for the highest rate with
                                  p99 <= --p99-max, nothing lost and not falling behind
              --p99-max MS        the p99 bound of --find-max (50)
              --max-rate R        the highest rate --find-max tries (20 x chats); above that, the
                                  chats are raised to R/20 (Parley takes 20 frames/s per socket)
              --steps N           at most N steps of --find-max (10)
            """;

    /** Parley refuses more than this many frames a second per socket on average (docs/protocol.md). */
    static final int SOCKET_FRAMES_PER_SECOND = 20;

    /** tenant-service refuses a {@code maxChats} above this (tenant-service/README.md). */
    static final int MAX_CHATS_PER_AGENT = 100;

    /** Agents a run gets unless told: each costs an Argon2 hash at seeding and a login. */
    static final int DEFAULT_AGENTS = 50;

    /**
     * File descriptors the JVM needs besides its sockets: Kafka's log segments, jars, pools of
     * connections to Postgres and Redis. Each client socket costs two (both ends are in this JVM).
     */
    private static final int OTHER_FILES = 1_500;

    static Options parse(String[] args) {
        int rate = 200;
        int duration = 30;
        int warmup = 5;
        int chats = 50;
        int agents = 0;
        int grace = 10;
        String only = "both";
        boolean hops = true;
        boolean findMax = false;
        int p99Max = 50;
        int maxRate = 0;
        int steps = 10;
        int idle = 0;
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i);
            // Flags first: they take no value.
            switch (name) {
                case "-h", "--help" -> throw new UsageException(null);
                case "--hops" -> {
                    hops = true;
                    continue;
                }
                case "--no-hops" -> {
                    hops = false;
                    continue;
                }
                case "--find-max" -> {
                    findMax = true;
                    continue;
                }
                default -> {}
            }
            if (i + 1 >= list.size()) {
                throw new UsageException(name + " needs a value");
            }
            String value = list.get(++i);
            switch (name) {
                case "--rate" -> rate = positive(name, value, 100_000);
                case "--duration" -> duration = positive(name, value, 3600);
                case "--warmup" -> warmup = number(name, value, 0, 600);
                case "--chats", "--conversations" -> chats = positive(name, value, 9_000);
                case "--agents" -> agents = positive(name, value, 9_000);
                case "--grace" -> grace = number(name, value, 1, 600);
                case "--only" -> {
                    only = value.toLowerCase(Locale.ROOT);
                    if (!List.of("baseline", "parley", "both").contains(only)) {
                        throw new UsageException("--only is baseline, parley or both");
                    }
                }
                case "--p99-max" -> p99Max = positive(name, value, 600_000);
                case "--max-rate" -> maxRate = positive(name, value, 100_000);
                case "--steps" -> steps = positive(name, value, 30);
                case "--idle-sockets" -> idle = number(name, value, 0, 9_000);
                default -> throw new UsageException("unknown option " + name);
            }
        }
        if (findMax) {
            // Every step must respect the per-socket limit: the chats are sized for the highest rate tried.
            if (maxRate == 0) {
                maxRate = chats * SOCKET_FRAMES_PER_SECOND;
            }
            chats = Math.max(chats, ceilDiv(maxRate, SOCKET_FRAMES_PER_SECOND));
            if (rate > maxRate) {
                throw new UsageException("--rate " + rate + " is above --max-rate " + maxRate);
            }
            if (only.equals("baseline")) {
                throw new UsageException("--find-max measures Parley: not with --only baseline");
            }
            only = "parley";
        }
        if (agents == 0) {
            agents = Math.min(chats, Math.max(DEFAULT_AGENTS, ceilDiv(chats, MAX_CHATS_PER_AGENT)));
        }
        if (agents > chats) {
            throw new UsageException("--agents " + agents + " is more than the " + chats + " chats");
        }
        if (ceilDiv(chats, agents) > MAX_CHATS_PER_AGENT) {
            throw new UsageException(chats + " chats need at least " + ceilDiv(chats, MAX_CHATS_PER_AGENT)
                    + " agents (an agent takes at most " + MAX_CHATS_PER_AGENT + " chats)");
        }
        long files = 2L * (chats + agents + (only.equals("baseline") ? 0 : idle)) + OTHER_FILES;
        long limit = maxOpenFiles();
        if (limit > 0 && files > limit) {
            throw new UsageException(String.format(
                    Locale.ROOT,
                    "%d chats, %d agents and %d idle sockets need about %d open files (two per socket, both ends"
                            + " are in this JVM, plus %d); this process may have %d",
                    chats,
                    agents,
                    idle,
                    files,
                    OTHER_FILES,
                    limit));
        }
        return new Options(
                rate,
                Duration.ofSeconds(duration),
                Duration.ofSeconds(warmup),
                chats,
                agents,
                Duration.ofSeconds(grace),
                only,
                hops,
                findMax,
                p99Max,
                maxRate,
                steps,
                idle);
    }

    boolean runBaseline() {
        return !only.equals("parley");
    }

    boolean runParley() {
        return !only.equals("baseline");
    }

    /** Messages a run at {@code rate} sends, warm-up included. */
    long totalMessages(int rate) {
        return Math.round(rate * (warmup.toNanos() + duration.toNanos()) / 1e9);
    }

    /** Frames per second each visitor socket sends. */
    double perSocketRate() {
        return (double) rate / chats;
    }

    /**
     * The room each agent gets: twice its share of the chats (at least 5), so an offer that is
     * still open when the next chat comes does not leave it waiting; within tenant-service's limit.
     */
    int maxChats() {
        return Math.min(MAX_CHATS_PER_AGENT, Math.max(5, 2 * ceilDiv(chats, agents)));
    }

    /** A message more than this late when the last one is sent means the run is falling behind. */
    Duration behindAfter() {
        return Duration.ofMillis(Math.max(1_000, 2L * p99MaxMs));
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static long maxOpenFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
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
