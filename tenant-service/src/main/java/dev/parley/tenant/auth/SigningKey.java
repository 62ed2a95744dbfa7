package dev.parley.tenant.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The RSA key that signs access tokens, from {@code parley.auth.signing-key-pem} or generated at
 * start. Its key id is its RFC 7638 thumbprint: instances configured with the same key publish
 * the same {@code kid} without anyone choosing one, and a new key gets a new one.
 */
@Component
public class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    /** NIST's minimum for RSA signatures that must hold beyond 2030 is 2048 bits. */
    static final int MIN_BITS = 2048;

    private final RSAKey key;

    public SigningKey(AuthProperties properties) {
        String pem = properties.signingKeyPem();
        try {
            if (pem == null || pem.isBlank()) {
                log.warn("No parley.auth.signing-key-pem: signing access tokens with a key generated now. Tokens will"
                        + " not survive a restart and other instances will not accept them; configure a key in"
                        + " production.");
                this.key = generated();
            } else {
                this.key = fromPem(pem);
            }
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "parley.auth.signing-key-pem is not a usable RSA private key (PKCS#8 PEM, " + MIN_BITS
                            + " bits or more): " + e.getMessage(),
                    e);
        }
    }

    /** The private key, for signing. */
    RSAKey privateKey() {
        return key;
    }

    /** The JWK set that verifies tokens: the public key only. */
    public Map<String, Object> publicJwkSet() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    private static RSAKey generated() throws GeneralSecurityException, JOSEException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(MIN_BITS);
        var pair = generator.generateKeyPair();
        return jwk((RSAPublicKey) pair.getPublic(), (RSAPrivateCrtKey) pair.getPrivate());
    }

    private static RSAKey fromPem(String pem) throws GeneralSecurityException, JOSEException {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)))
                instanceof RSAPrivateCrtKey privateKey)) {
            throw new IllegalArgumentException("the key lacks its CRT parameters, so its public key is unknown");
        }
        if (privateKey.getModulus().bitLength() < MIN_BITS) {
            throw new IllegalArgumentException(
                    "the key has " + privateKey.getModulus().bitLength() + " bits, fewer than " + MIN_BITS);
        }
        var publicKey = (RSAPublicKey)
                rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return jwk(publicKey, privateKey);
    }

    private static RSAKey jwk(RSAPublicKey publicKey, RSAPrivateCrtKey privateKey) throws JOSEException {
        return new RSAKey.Builder(publicKey)
                .privateKey(privateKey)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .keyIDFromThumbprint()
                .build();
    }
}
