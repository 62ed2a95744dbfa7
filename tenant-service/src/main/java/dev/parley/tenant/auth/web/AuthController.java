package dev.parley.tenant.auth.web;

import dev.parley.tenant.Input;
import dev.parley.tenant.auth.EmailVerifications;
import dev.parley.tenant.auth.Invitations;
import dev.parley.tenant.auth.Login;
import dev.parley.tenant.auth.Login.LoggedIn;
import dev.parley.tenant.auth.PasswordResets;
import dev.parley.tenant.auth.SigningKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/tenant/auth}: public; the gateway passes them through without a credential. */
@RestController
@RequestMapping("/api/tenant/auth")
class AuthController {

    /** Far above any real password; refuses megabyte bodies before they reach the hash. */
    private static final int INPUT_MAX = 1024;

    private final Login login;
    private final SigningKey signingKey;
    private final PasswordResets resets;
    private final EmailVerifications verifications;
    private final Invitations invitations;

    AuthController(
            Login login,
            SigningKey signingKey,
            PasswordResets resets,
            EmailVerifications verifications,
            Invitations invitations) {
        this.verifications = verifications;
        this.invitations = invitations;
        this.login = login;
        this.signingKey = signingKey;
        this.resets = resets;
    }

    record Credentials(@Nullable String email, @Nullable String password) {}

    record LoginAnswer(
            String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn, SignedInUser user) {}

    record RefreshRequest(@Nullable String refreshToken) {}

    record ResetRequest(@Nullable String email) {}

    record Verification(@Nullable String token) {}

    record NewPassword(@Nullable String token, @Nullable String password) {}

    record SignedInUser(UUID id, UUID tenantId, String name, List<String> roles, List<UUID> departmentIds) {}

    @PostMapping("/login")
    Mono<LoginAnswer> login(@RequestBody Credentials credentials) {
        return Mono.fromCallable(() -> Input.text("email", credentials.email(), INPUT_MAX))
                .zipWith(Mono.fromCallable(() -> password(credentials.password())))
                .flatMap(input -> login.login(input.getT1().toLowerCase(Locale.ROOT), input.getT2()))
                .map(AuthController::answer);
    }

    /**
     * A new access token and a new refresh token for a refresh token, which is used up: the
     * console calls this before its access token expires, so a shift needs one login.
     */
    @PostMapping("/refresh")
    Mono<LoginAnswer> refresh(@RequestBody RefreshRequest request) {
        return Mono.defer(() -> login.refresh(request.refreshToken())).map(AuthController::answer);
    }

    /** Ends the session of the refresh token: it and every successor stop working. Always 204. */
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logout(@RequestBody RefreshRequest request) {
        return login.logout(request.refreshToken());
    }

    /**
     * "Forgot your password?": 202 whether or not the address has an account (the answer must not
     * tell); if it has one, a link to set a new password is e-mailed to it.
     */
    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> requestReset(@RequestBody ResetRequest request) {
        return Mono.fromCallable(() -> Input.email("email", request.email())).flatMap(resets::request);
    }

    /** Sets the new password with the e-mailed token; every session of the user ends. */
    @PostMapping("/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> confirmReset(@RequestBody NewPassword request) {
        return Mono.fromCallable(() -> Input.password("password", request.password()))
                .flatMap(password -> resets.confirm(request.token(), password));
    }

    /**
     * Confirms the address of an owner who signed up, with the e-mailed token, and signs them in:
     * the same answer as a login.
     */
    @PostMapping("/verify-email")
    Mono<LoginAnswer> verifyEmail(@RequestBody Verification request) {
        return Mono.defer(() -> verifications.confirm(request.token())).map(AuthController::answer);
    }

    /** Accepts an e-mailed invitation with the password the invited person chose; signs them in. */
    @PostMapping("/accept-invitation")
    Mono<LoginAnswer> acceptInvitation(@RequestBody NewPassword request) {
        return Mono.fromCallable(() -> Input.password("password", request.password()))
                .flatMap(password -> invitations.accept(request.token(), password))
                .map(AuthController::answer);
    }

    /** The keys that verify access tokens; verifiers pick one by the token's {@code kid}. */
    @GetMapping("/jwks")
    Map<String, Object> jwks() {
        return signingKey.publicJwkSet();
    }

    private static String password(@Nullable String password) {
        if (password == null || password.isEmpty()) {
            throw Input.invalid("password is required");
        }
        if (password.length() > INPUT_MAX) {
            throw Input.invalid("password must be at most " + INPUT_MAX + " characters");
        }
        return password;
    }

    private static LoginAnswer answer(LoggedIn in) {
        var user = in.user();
        return new LoginAnswer(
                in.token().token(),
                in.token().expiresIn(),
                in.refresh().token(),
                in.refresh().expiresIn(),
                new SignedInUser(user.id(), in.tenantId(), user.displayName(), user.roles(), user.departmentIds()));
    }
}
