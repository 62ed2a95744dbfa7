package dev.parley.tenant.canned;

import dev.parley.tenant.Input;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A canned response as a client sends it, checked: 400 {@code invalid} naming the field otherwise.
 *
 * @param title absent when blank
 */
public record CannedResponseInput(String shortcut, @Nullable String title, String text) {

    /** What follows the {@code /} the agent types; the migration's check says the same. */
    private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    static final int TITLE_MAX = 80;
    static final int TEXT_MAX = 2000;

    /**
     * Shortcuts are compared in lower case (a leading {@code /} is dropped, as typed in the console);
     * the text is kept exactly as written, line breaks and spaces included.
     */
    public static CannedResponseInput parse(@Nullable String shortcut, @Nullable String title, @Nullable String text) {
        String cleanShortcut = shortcut == null ? "" : shortcut.strip().toLowerCase(Locale.ROOT);
        if (cleanShortcut.startsWith("/")) {
            cleanShortcut = cleanShortcut.substring(1);
        }
        if (!SHORTCUT.matcher(cleanShortcut).matches()) {
            throw Input.invalid("shortcut must be 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit");
        }
        String cleanTitle = title == null || title.isBlank() ? null : Input.text("title", title, TITLE_MAX);
        if (text == null || text.isBlank()) {
            throw Input.invalid("text is required");
        }
        if (text.length() > TEXT_MAX) {
            throw Input.invalid("text must be at most " + TEXT_MAX + " characters");
        }
        return new CannedResponseInput(cleanShortcut, cleanTitle, text);
    }
}
