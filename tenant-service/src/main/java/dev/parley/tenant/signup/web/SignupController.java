package dev.parley.tenant.signup.web;

import dev.parley.tenant.Input;
import dev.parley.tenant.signup.Signup;
import dev.parley.tenant.signup.Signup.Application;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/tenant/signup}: public, the first thing a new business does. 202 and no body,
 * whether the address was new or has an account (the e-mail to it says which); the owner signs in
 * by the e-mailed link.
 */
@RestController
class SignupController {

    private static final int NAME_MAX = 100;

    private final Signup signup;

    SignupController(Signup signup) {
        this.signup = signup;
    }

    record SignupRequest(
            @Nullable String companyName,
            @Nullable String ownerName,
            @Nullable String email,
            @Nullable String password) {}

    @PostMapping("/api/tenant/signup")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> signUp(@RequestBody SignupRequest request) {
        return Mono.fromCallable(() -> new Application(
                        Input.text("companyName", request.companyName(), NAME_MAX),
                        Input.text("ownerName", request.ownerName(), NAME_MAX),
                        Input.email("email", request.email()),
                        Input.password("password", request.password())))
                .flatMap(signup::signUp);
    }
}
