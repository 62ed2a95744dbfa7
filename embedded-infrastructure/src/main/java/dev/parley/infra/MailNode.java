package dev.parley.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A local SMTP server (GreenMail) in this JVM on a free loopback port: what Parley's e-mail goes
 * to in tests and the standalone, received and kept in memory so that a test, or a newcomer, can
 * read it. Nothing leaves the machine.
 */
public final class MailNode implements AutoCloseable {

    private final GreenMail server;
    private final int port;

    private MailNode(GreenMail server, int port) {
        this.server = server;
        this.port = port;
    }

    static MailNode start() {
        // Port 0: the system picks a free one when GreenMail binds, so no other process can take it between.
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new MailNode(server, server.getSmtp().getPort());
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Every message received so far, oldest first. */
    public List<MimeMessage> received() {
        return List.of(server.getReceivedMessages());
    }

    /** Waits up to {@code millis} for more than {@code seen} messages; whether they came. */
    public boolean awaitMoreThan(int seen, long millis) {
        return server.waitForIncomingEmail(millis, seen + 1);
    }

    /** The messages to {@code address} (in any case) so far, oldest first. */
    public List<MimeMessage> receivedBy(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        return received().stream()
                .filter(message -> recipients(message).contains(wanted))
                .toList();
    }

    /**
     * The text of the newest message to {@code address} with {@code subject}, waiting up to
     * {@code timeout} for one; empty if none came.
     */
    public Optional<String> awaitText(String address, String subject, Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        while (true) {
            int seen = server.getReceivedMessages().length;
            Optional<String> found = receivedBy(address).reversed().stream()
                    .filter(message -> subject.equals(subject(message)))
                    .findFirst()
                    .map(MailNode::text);
            long left = Duration.between(Instant.now(), until).toMillis();
            if (found.isPresent() || left <= 0) {
                return found;
            }
            awaitMoreThan(seen, left);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable message", e);
        }
    }

    /** The body of a plain-text message. */
    public static String text(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable message", e);
        }
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            var to = message.getRecipients(Message.RecipientType.TO);
            return to == null
                    ? List.of()
                    : Arrays.stream(to)
                            .map(address -> address.toString().toLowerCase(Locale.ROOT))
                            .toList();
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable message", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
