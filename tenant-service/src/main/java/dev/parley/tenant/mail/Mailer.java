package dev.parley.tenant.mail;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends Parley's own e-mail (password resets, later invitations and verifications) over SMTP with
 * Spring Mail: {@code spring.mail.host}/{@code port} (the standalone and the tests point it at the
 * embedded local SMTP server). JavaMail blocks, so each send runs on the bounded elastic
 * scheduler, never on an event loop. Without {@code spring.mail.host} nothing can be sent: the
 * send fails with a clear log line rather than pretending.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final @Nullable JavaMailSender sender;
    private final String from;

    Mailer(
            ObjectProvider<JavaMailSender> sender,
            @Value("${parley.mail.from:Parley <no-reply@parley.invalid>}") String from) {
        this.sender = sender.getIfAvailable();
        this.from = from;
    }

    /** Completes once the SMTP server accepted the message. */
    public Mono<Void> send(String to, String subject, String text) {
        JavaMailSender mail = sender;
        if (mail == null) {
            return Mono.error(new IllegalStateException("no mail server configured (spring.mail.host)"));
        }
        return Mono.<Void>fromRunnable(() -> {
                    var message = new SimpleMailMessage();
                    message.setFrom(from);
                    message.setTo(to);
                    message.setSubject(subject);
                    message.setText(text);
                    mail.send(message);
                })
                .subscribeOn(Schedulers.boundedElastic())
                .doOnError(failure -> log.warn("e-mail \"{}\" not sent: {}", subject, failure.toString()));
    }
}
