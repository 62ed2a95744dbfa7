package dev.parley.tenant.auth;

import dev.parley.platform.web.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Per-account limits on what guesses passwords or sends e-mail, with Bucket4j token buckets keyed
 * by the lower-cased address: 10 failed logins per 15 minutes (successful ones cost nothing, so a
 * user is never locked out by their own use), 3 password-reset e-mails and 3 sign-up e-mails per
 * hour. Over the
 * limit the answer is 429 {@code rate_limited} with {@code Retry-After}, the same for an address
 * with or without an account, so the limit tells nothing about who exists either.
 *
 * <p>The buckets live in this instance's memory: with N instances behind the gateway an attacker
 * gets at most N times the limit. Moving them to Redis (Bucket4j's Lettuce integration) is the
 * step when tenant-service runs more than a couple of instances.
 */
@Component
public class AuthRateLimits {

    /** Far above the addresses one instance sees in 15 minutes; beyond it, start afresh. */
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Bucket> failedLogins = new ConcurrentHashMap<>();
    private final Map<String, Bucket> resetMails = new ConcurrentHashMap<>();
    private final Map<String, Bucket> signupMails = new ConcurrentHashMap<>();

    /** Raises 429 while the account has had too many failed logins. */
    public void checkLogin(String email) {
        refuseIfEmpty(failedLogins, email);
    }

    /** One failed login of the account. */
    public void failedLogin(String email) {
        bucket(failedLogins, email, () -> limit(10, Duration.ofMinutes(15))).tryConsume(1);
    }

    /** Takes one reset e-mail of the address's allowance, or raises 429. */
    public void resetMail(String email) {
        takeMail(resetMails, email);
    }

    /** Takes one sign-up e-mail (a verification link, or "you have an account") of the address's allowance, or raises 429. */
    public void signupMail(String email) {
        takeMail(signupMails, email);
    }

    private static void takeMail(Map<String, Bucket> buckets, String email) {
        var probe = bucket(buckets, email, () -> limit(3, Duration.ofHours(1))).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw ApiException.tooManyRequests(seconds(probe.getNanosToWaitForRefill()));
        }
    }

    private static void refuseIfEmpty(Map<String, Bucket> buckets, String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return;
        }
        var estimate = bucket.estimateAbilityToConsume(1);
        if (!estimate.canBeConsumed()) {
            throw ApiException.tooManyRequests(seconds(estimate.getNanosToWaitForRefill()));
        }
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String key, Supplier<Bucket> create) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, unused -> create.get());
    }

    private static Bucket limit(int attempts, Duration per) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(attempts)
                        .refillIntervally(attempts, per)
                        .build())
                .build();
    }

    private static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos) + 1;
    }
}
