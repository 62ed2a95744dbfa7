package dev.parley.session.message;

/**
 * A command refused for the sender's reason, with the protocol's stable error code. Raised inside
 * the transaction so that nothing of the refused command is stored.
 */
public final class Rejection extends RuntimeException {

    private final String code;

    public Rejection(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
