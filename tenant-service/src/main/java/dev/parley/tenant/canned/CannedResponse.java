package dev.parley.tenant.canned;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A text an agent inserts with {@code /shortcut}.
 *
 * @param text as written, with variables such as {@code {visitor.name}} left for the console to fill in
 * @param shared the tenant's, kept by owners and admins; otherwise the caller's own
 */
public record CannedResponse(
        UUID id, String shortcut, @Nullable String title, String text, boolean shared) {}
