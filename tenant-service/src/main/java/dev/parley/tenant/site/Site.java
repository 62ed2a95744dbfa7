package dev.parley.tenant.site;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A website that embeds the widget.
 *
 * @param siteKey public: pasted into the site's pages, it names the site to the widget bootstrap.
 *     Random and long enough not to be guessed, so that one site's key says nothing about another's
 * @param allowedOrigins the origins ({@code https://shop.example}) the gateway accepts widget
 *     sockets from; empty until configured, which lets no widget connect
 */
public record Site(UUID id, String name, String siteKey, List<String> allowedOrigins) {

    private static final SecureRandom random = new SecureRandom();

    /** 18 random bytes: 144 bits, exactly 24 base64url characters without padding. */
    private static final int KEY_BYTES = 18;

    public Site {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** A new site with a fresh id and key. */
    public static Site create(String name, List<String> allowedOrigins) {
        return new Site(UUID.randomUUID(), name, newKey(), allowedOrigins);
    }

    static String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
