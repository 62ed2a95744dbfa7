package dev.parley.tenant.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Opaque tokens that name their tenant: a prefix ({@code prt_} refresh, {@code prr_} password
 * reset) and the URL-safe Base64 of the tenant id, the token's id and 32 random bytes. The tenant
 * comes first so that the row can be looked up under row-level security without a cross-tenant
 * query; only the SHA-256 of the random part is ever stored.
 */
final class SecretTokens {

    private static final int SECRET_BYTES = 32;
    private static final int TOKEN_BYTES = 16 + 16 + SECRET_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    /** A new token: what to hand out once, its id, and the hash to store. */
    record Minted(String token, UUID id, byte[] hash) {}

    /** A presented token, not yet checked against anything. */
    record Presented(UUID tenantId, UUID id, byte[] secret) {

        byte[] hash() {
            return sha256(secret);
        }

        boolean matches(byte[] storedHash) {
            return MessageDigest.isEqual(storedHash, hash());
        }
    }

    static Minted mint(String prefix, UUID tenantId) {
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        byte[] raw = ByteBuffer.allocate(TOKEN_BYTES)
                .putLong(tenantId.getMostSignificantBits())
                .putLong(tenantId.getLeastSignificantBits())
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .put(secret)
                .array();
        return new Minted(prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw), id, sha256(secret));
    }

    /** The token's parts, or empty for anything that is not a token of this kind. */
    static Optional<Presented> parse(String prefix, @Nullable String token) {
        if (token == null || !token.startsWith(prefix) || token.length() > 200) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token.substring(prefix.length()));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (raw.length != TOKEN_BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        UUID tenantId = new UUID(buffer.getLong(), buffer.getLong());
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        byte[] secret = new byte[SECRET_BYTES];
        buffer.get(secret);
        return Optional.of(new Presented(tenantId, id, secret));
    }

    private static byte[] sha256(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
