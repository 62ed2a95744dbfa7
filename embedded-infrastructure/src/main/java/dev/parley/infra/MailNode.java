package dev.parley.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

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

    @Override
    public void close() {
        server.stop();
    }
}
