package dev.parley.session;

import dev.parley.platform.boot.ParleyApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Conversations and messages: the source of truth, sequence numbers, history and resume. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SessionApplication {

    public static final String NAME = "session-service";

    public static void main(String[] args) {
        ParleyApplication.run(SessionApplication.class, NAME, args);
    }
}
