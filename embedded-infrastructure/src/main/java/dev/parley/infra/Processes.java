package dev.parley.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Liveness of processes that are not our children, such as a daemonised postmaster. */
final class Processes {

    private static final Path PROC = Path.of("/proc");

    private Processes() {}

    /**
     * A zombie counts as dead: a postmaster killed by the watchdog stays a zombie until its
     * reparented parent reaps it, which in a container may be never.
     */
    static boolean isAlive(long pid) {
        if (!Files.isDirectory(PROC)) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            List<String> status =
                    Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"));
            return status.stream()
                    .filter(line -> line.startsWith("State:"))
                    .noneMatch(line -> line.substring("State:".length()).strip().startsWith("Z"));
        } catch (IOException gone) {
            return false;
        }
    }
}
