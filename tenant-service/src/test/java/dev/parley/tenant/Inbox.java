package dev.parley.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.infra.MailNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What tenant-service e-mailed, as the embedded local SMTP server received it. */
final class Inbox {

    static final String RESET_SUBJECT = "Set a new Parley password";
    static final String VERIFY_SUBJECT = "Confirm your e-mail address for Parley";
    static final String ACCOUNT_SUBJECT = "Your Parley account";

    private static final Pattern VERIFY_LINK = Pattern.compile("/console#verify=(pev_[A-Za-z0-9_-]+)");
    private static final Pattern INVITE_LINK = Pattern.compile("/console#invite=(pin_[A-Za-z0-9_-]+)");
    private static final Pattern RESET_LINK = Pattern.compile("/console#reset=(prr_[A-Za-z0-9_-]+)");

    private Inbox() {}

    /** The messages to {@code address} with {@code subject} so far. */
    static List<MimeMessage> all(String address, String subject) {
        return mail().receivedBy(address).stream()
                .filter(message -> MailNode.subject(message).equals(subject))
                .toList();
    }

    /** The {@code count} messages to {@code address} with {@code subject}, once they are all there. */
    static List<MimeMessage> await(String address, String subject, int count) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> all(address, subject), messages -> messages.size() == count);
    }

    /** The one message to {@code address} with {@code subject}, once it is there. */
    static MimeMessage one(String address, String subject) {
        return await(address, subject, 1).getFirst();
    }

    /** Everyone mailed so far. */
    static List<MimeMessage> everything() {
        return mail().received();
    }

    /** The verification token in the newest verification e-mail to {@code address}, once there is {@code count}. */
    static String verificationToken(String address, int count) {
        return token(await(address, VERIFY_SUBJECT, count).getLast(), VERIFY_LINK);
    }

    /** The invitation token in the newest e-mail to {@code address} whose subject starts as an invitation's, once there is {@code count}. */
    static String invitationToken(String address, int count) {
        List<MimeMessage> invitations = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> mail().receivedBy(address).stream()
                                .filter(message -> MailNode.subject(message).startsWith("You are invited to "))
                                .toList(),
                        messages -> messages.size() == count);
        return token(invitations.getLast(), INVITE_LINK);
    }

    static String resetToken(MimeMessage message) {
        assertThat(MailNode.subject(message)).isEqualTo(RESET_SUBJECT);
        return token(message, RESET_LINK);
    }

    private static String token(MimeMessage message, Pattern link) {
        Matcher found = link.matcher(MailNode.text(message));
        assertThat(found.find()).as("a link in the e-mail").isTrue();
        return found.group(1);
    }

    private static MailNode mail() {
        return EmbeddedInfrastructure.shared().mail();
    }
}
