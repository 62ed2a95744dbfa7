package dev.parley.widget.asset;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One built bundle held in memory with its precompressed twins, so a request never touches the
 * disk.
 *
 * @param file the content-hashed file name, e.g. {@code panel.3f9a1c2b.js}
 * @param identity the bytes as built
 * @param gzip the {@code .gz} twin
 * @param brotli the {@code .br} twin
 */
public record Asset(String file, byte[] identity, byte[] gzip, byte[] brotli) {

    /** The bytes to send and the {@code Content-Encoding} they carry ({@code null}: none). */
    public record Variant(byte[] body, @Nullable String encoding) {}

    /** Brotli when the client takes it, else gzip, else the plain file. */
    public Variant variantFor(@Nullable String acceptEncoding) {
        if (accepts(acceptEncoding, "br")) {
            return new Variant(brotli, "br");
        }
        if (accepts(acceptEncoding, "gzip")) {
            return new Variant(gzip, "gzip");
        }
        return new Variant(identity, null);
    }

    /** Whether {@code Accept-Encoding} lists the coding (or {@code *}) with a non-zero q. */
    static boolean accepts(@Nullable String acceptEncoding, String coding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean wildcard = false;
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String name = pieces[0].trim().toLowerCase(Locale.ROOT);
            boolean refused = Arrays.stream(pieces)
                    .skip(1)
                    .map(p -> p.trim().toLowerCase(Locale.ROOT).replace(" ", ""))
                    .anyMatch(p -> p.matches("q=0(\\.0{0,3})?"));
            if (name.equals(coding)) {
                return !refused;
            }
            if (name.equals("*")) {
                wildcard = !refused;
            }
        }
        return wildcard;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Asset asset && asset.file.equals(file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file);
    }

    @Override
    public String toString() {
        return "Asset[" + file + "]";
    }
}
