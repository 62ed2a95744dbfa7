package dev.parley.tenant;

import dev.parley.platform.web.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks of what clients send. A failed check is a client's mistake, answered as 400 {@code
 * invalid} with a message that names the field, so that a console form can point at it.
 */
public final class Input {

    /** Deliberately loose: one {@code @}, something before it, a dot after it. Only a sent mail proves more. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** RFC 5321's limit on a forward path. */
    private static final int EMAIL_MAX = 254;

    /** Argon2 takes any length, but a megabyte "password" would be a cheap way to make us hash a lot. */
    private static final int PASSWORD_MAX = 256;

    /** NIST SP 800-63B's minimum for a password the user chose. */
    private static final int PASSWORD_MIN = 8;

    private Input() {}

    public static ApiException invalid(String message) {
        return ApiException.badRequest("invalid", message);
    }

    /** {@code value} trimmed, or 400 when it is absent, blank or longer than {@code max} characters. */
    public static String text(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
        return trimmed;
    }

    /** The email trimmed and lower-cased: one account per email, whatever the case it was typed in. */
    public static String email(String field, @Nullable String value) {
        String email = text(field, value, EMAIL_MAX);
        if (!EMAIL.matcher(email).matches()) {
            throw invalid(field + " must be an email address");
        }
        return email.toLowerCase(Locale.ROOT);
    }

    /** The password as given (spaces count), or 400 when it is too short or too long. */
    public static String password(String field, @Nullable String value) {
        if (value == null || value.length() < PASSWORD_MIN) {
            throw invalid(field + " must be at least " + PASSWORD_MIN + " characters");
        }
        if (value.length() > PASSWORD_MAX) {
            throw invalid(field + " must be at most " + PASSWORD_MAX + " characters");
        }
        return value;
    }

    /** The list, empty when absent, or 400 when it holds a null or more than {@code max} items. */
    public static <T> List<T> list(String field, @Nullable List<T> values, int max) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            throw invalid(field + " must have at most " + max + " items");
        }
        // JSON can carry [null] whatever the declared type says.
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            throw invalid(field + " must not contain null");
        }
        return List.copyOf(values);
    }
}
