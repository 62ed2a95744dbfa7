package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The caller as the gateway writes it into trusted headers and a service reads it back, plan features included. */
class CallerTest {

    private static final UUID TENANT = UUID.randomUUID();

    @Test
    void aSupervisingRoleSupervisesOnlyWhenThePlanHasTheSupervisorView() {
        var owner = Set.of("owner");
        assertThat(new Caller(TENANT, UUID.randomUUID(), Caller.Kind.AGENT, owner, "O", Set.of("supervisor"))
                        .supervises())
                .isTrue();
        assertThat(new Caller(TENANT, UUID.randomUUID(), Caller.Kind.AGENT, owner, "O", Set.of()).supervises())
                .as("Starter: no supervisor view")
                .isFalse();
        assertThat(new Caller(TENANT, UUID.randomUUID(), Caller.Kind.AGENT, owner, "O").supervises())
                .as("no features claim: the plan restricts nothing")
                .isTrue();
        assertThat(new Caller(TENANT, UUID.randomUUID(), Caller.Kind.AGENT, Set.of("agent"), "A", Set.of("supervisor"))
                        .supervises())
                .isFalse();
    }

    @Test
    void featuresSurviveTheTrustedHeadersAndAbsentMeansUnrestricted() {
        var written = new Caller(TENANT, UUID.randomUUID(), Caller.Kind.AGENT, Set.of("supervisor"), "Süß", Set.of());
        Caller read = roundTrip(written);
        assertThat(read).isEqualTo(written);
        assertThat(read.supervises()).isFalse();

        var unrestricted = new Caller(TENANT, UUID.randomUUID(), Caller.Kind.VISITOR, Set.of(), "");
        assertThat(roundTrip(unrestricted).features()).isNull();
        assertThat(Caller.HEADERS).contains(Caller.FEATURES);
    }

    private static Caller roundTrip(Caller caller) {
        HttpHeaders headers = new HttpHeaders();
        caller.writeTo(headers);
        var exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/").headers(headers).build());
        return Caller.of(exchange).block();
    }
}
