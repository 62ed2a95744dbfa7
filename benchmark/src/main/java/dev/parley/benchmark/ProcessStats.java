package dev.parley.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Linux process facts from {@code /proc}: resident memory, CPU time, open files. */
final class ProcessStats {

    /** USER_HZ: the unit of CPU times in {@code /proc/<pid>/stat}; 100 on every Linux we run on. */
    private static final long TICK_NANOS = 10_000_000L;

    private ProcessStats() {}

    /** CPU time of this JVM, user and system, nanoseconds. */
    static long jvmCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** VmRSS of this process, as {@code /proc/self/status} states it (for example "812344 kB"). */
    static String rss() {
        return statusField(Path.of("/proc/self/status"), "VmRSS:");
    }

    /** Resident memory of {@code pid} in kB; 0 when it cannot be read. */
    static long rssKb(long pid) {
        String value = statusField(Path.of("/proc/" + pid + "/status"), "VmRSS:");
        try {
            return Long.parseLong(value.replace("kB", "").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * CPU time of {@code pid} and of its live descendants, plus what its finished children used
     * (cutime, cstime), nanoseconds; 0 for a process that is gone.
     */
    static long treeCpuNanos(long pid) {
        if (pid <= 0) {
            return 0;
        }
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(root -> root.descendants().forEach(child -> pids.add(child.pid())));
        long ticks = 0;
        for (int i = 0; i < pids.size(); i++) {
            long[] times = cpuTicks(pids.get(i));
            ticks += times[0] + times[1] + (i == 0 ? times[2] + times[3] : 0);
        }
        return ticks * TICK_NANOS;
    }

    /**
     * A process tree's proportional set size (PSS), kB: shared pages (Postgres's shared buffers)
     * split between the processes that map them, so the sum is not inflated per backend.
     */
    static long treePssKb(long pid) {
        if (pid <= 0) {
            return 0;
        }
        long kb = pssKb(pid);
        for (ProcessHandle child :
                ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            kb += pssKb(child.pid());
        }
        return kb;
    }

    private static long pssKb(long pid) {
        String value = statusField(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:");
        try {
            return Long.parseLong(value.replace("kB", "").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** utime, stime, cutime, cstime of {@code pid} in clock ticks. */
    private static long[] cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may hold spaces and parentheses: fields count from the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime is field 14.
            return new long[] {
                Long.parseLong(fields[11]),
                Long.parseLong(fields[12]),
                Long.parseLong(fields[13]),
                Long.parseLong(fields[14])
            };
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    private static String statusField(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    return line.substring(field.length()).trim();
                }
            }
        } catch (IOException e) {
            // gone or not Linux
        }
        return "?";
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
