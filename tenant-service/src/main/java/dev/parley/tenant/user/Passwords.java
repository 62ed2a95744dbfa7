package dev.parley.tenant.user;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hashes and checks passwords with Argon2id: salted per password, memory-hard, so that a stolen
 * table costs an attacker dearly per guess. Each hash takes tens of milliseconds of CPU by design,
 * so it runs on the bounded elastic scheduler, never on an event-loop thread that serves other
 * requests meanwhile.
 */
@Component
public class Passwords {

    /**
     * OWASP's Argon2id baseline: 19 MiB of memory, 2 passes, 1 lane; a 16-byte salt and a 32-byte
     * hash. Parameters are stored in each hash, so raising them later keeps old hashes readable.
     */
    private static final int SALT_BYTES = 16;

    private static final int HASH_BYTES = 32;
    private static final int PARALLELISM = 1;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);

    /**
     * Checked against when the account does not exist, so that an unknown email costs the same
     * time as a wrong password and response times do not tell which emails have accounts.
     */
    private final String dummyHash;

    public Passwords() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Whether {@code password} matches {@code hash}; false, after the same work, when there is no hash. */
    public Mono<Boolean> matches(String password, @Nullable String hash) {
        return Mono.fromCallable(() -> {
                    if (hash == null) {
                        encoder.matches(password, dummyHash); // only for the time it takes
                        return false;
                    }
                    return encoder.matches(password, hash);
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
