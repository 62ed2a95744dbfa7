package dev.parley.tenant;

import io.r2dbc.spi.Readable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Reads columns the schema declares {@code not null}, so that the code need not pretend they may be. */
public final class Rows {

    private Rows() {}

    public static <T> T get(Readable row, String column, Class<T> type) {
        return Objects.requireNonNull(row.get(column, type), column);
    }

    public static List<String> strings(Readable row, String column) {
        return List.of(get(row, column, String[].class));
    }

    /** A {@code uuid[]} column read as {@code text[]} ({@code ::text[]} in the query). */
    public static List<UUID> uuids(Readable row, String column) {
        return Arrays.stream(get(row, column, String[].class))
                .map(UUID::fromString)
                .toList();
    }
}
