package dev.parley.platform.delivery;

/**
 * One delivery as it travels through Redis: the server frame (JSON, exactly as the client gets
 * it) preceded by the stored message's sequence number and a newline, {@code 0} for frames that
 * are not stored messages (typing, queue positions, offers). The gateway reads the number to
 * drop what a socket already has, without parsing the JSON on the hot path.
 *
 * @param seq the message's sequence number in its conversation, or 0
 * @param frame the frame's JSON
 */
public record Delivery(long seq, String frame) {

    public static Delivery ephemeral(String frame) {
        return new Delivery(0, frame);
    }

    public String encode() {
        return seq + "\n" + frame;
    }

    /** Reads {@link #encode()}'s form; anything else is taken as an ephemeral frame. */
    public static Delivery decode(String payload) {
        int newline = payload.indexOf('\n');
        if (newline > 0 && newline < 20) {
            try {
                return new Delivery(Long.parseLong(payload, 0, newline, 10), payload.substring(newline + 1));
            } catch (NumberFormatException notNumbered) {
                // fall through
            }
        }
        return ephemeral(payload);
    }

    public boolean isMessage() {
        return seq > 0;
    }
}
