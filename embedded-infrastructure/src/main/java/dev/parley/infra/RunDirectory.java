package dev.parley.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The one directory that holds everything a JVM's infrastructure writes: {@code
 * ${java.io.tmpdir}/parley-infra/<jvm-pid>/}. Naming it by pid lets a later JVM tell a crashed
 * run's leftovers from a live neighbour's.
 */
record RunDirectory(Path path) {

    static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir"), "parley-infra");
    }

    static RunDirectory of(long jvmPid) {
        return new RunDirectory(root().resolve(Long.toString(jvmPid)));
    }

    Path postgresData() {
        return path.resolve("postgres");
    }

    Path redis() {
        return path.resolve("redis");
    }

    Path kafka() {
        return path.resolve("kafka");
    }

    /** Written by the postmaster itself, so it exists even if the JVM died mid-start. */
    Path postgresPidFile() {
        return postgresData().resolve("postmaster.pid");
    }

    /** Written by redis-server itself ({@code --pidfile}), for the same reason. */
    Path redisPidFile() {
        return redis().resolve("redis.pid");
    }

    OptionalLong postgresPid() {
        return readPid(postgresPidFile());
    }

    OptionalLong redisPid() {
        return readPid(redisPidFile());
    }

    boolean exists() {
        return Files.isDirectory(path);
    }

    void create() {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create run directory " + path, e);
        }
    }

    /** Tolerates files vanishing underneath: the watchdog or a sweeping JVM may delete too. */
    void delete() {
        if (!exists()) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // Someone else finished the job.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete run directory " + path, e);
        }
    }

    /** Run directories whose JVM is gone: left by a crash that also took the watchdog with it. */
    static List<RunDirectory> abandoned() {
        List<RunDirectory> abandoned = new ArrayList<>();
        if (!Files.isDirectory(root())) {
            return abandoned;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root())) {
            for (Path child : children) {
                OptionalLong owner = parsePid(child.getFileName().toString());
                if (owner.isPresent() && Files.isDirectory(child) && !Processes.isAlive(owner.getAsLong())) {
                    abandoned.add(new RunDirectory(child));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root(), e);
        }
        return abandoned;
    }

    /**
     * zonky copies a small detection script to {@code java.io.tmpdir} in every JVM and deletes it
     * only at a clean exit, so each {@code kill -9} leaves one behind. A JVM runs it within
     * milliseconds of creating it; one a minute old is litter.
     */
    static void deleteZonkyScriptsOfCrashedJvms() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Instant cutoff = Instant.now().minus(Duration.ofMinutes(1));
        try (DirectoryStream<Path> scripts = Files.newDirectoryStream(tmp, "detect_linux_distribution_*.sh")) {
            for (Path script : scripts) {
                if (Files.getLastModifiedTime(script).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(script);
                }
            }
        } catch (IOException e) {
            // Litter, not a reason to fail a start.
        }
    }

    private static OptionalLong readPid(Path pidFile) {
        try (var lines = Files.lines(pidFile)) {
            return lines.findFirst().map(RunDirectory::parsePid).orElse(OptionalLong.empty());
        } catch (IOException | UncheckedIOException absent) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong parsePid(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !trimmed.chars().allMatch(Character::isDigit) || trimmed.length() > 10) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(trimmed));
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
