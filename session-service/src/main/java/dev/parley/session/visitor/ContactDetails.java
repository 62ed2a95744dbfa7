package dev.parley.session.visitor;

import dev.parley.platform.web.ApiException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a visitor says about themselves (the offline form, {@code Parley.identify}, a transcript
 * request), checked by the same rules wherever it is given.
 */
public final class ContactDetails {

    public static final int MAX_NAME = 80;
    public static final int MAX_EMAIL = 254;

    // Plausible, not RFC 5322: a local part, an @, a domain with at least one dot, no spaces.
    // Whether the address receives mail only sending to it can tell.
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+");

    private ContactDetails() {}

    /** The name stripped of surrounding blanks; 400 {@code invalid} unless 1 to 80 characters. */
    public static String name(@Nullable String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
            throw ApiException.badRequest("invalid", "name must have 1 to " + MAX_NAME + " characters");
        }
        return stripped;
    }

    /** The address stripped of surrounding blanks; 400 {@code invalid} unless it looks like one. */
    public static String email(@Nullable String email) {
        String stripped = email == null ? "" : email.strip();
        if (stripped.length() > MAX_EMAIL || !EMAIL.matcher(stripped).matches()) {
            throw ApiException.badRequest(
                    "invalid", "email must be an email address of at most " + MAX_EMAIL + " characters");
        }
        return stripped;
    }
}
