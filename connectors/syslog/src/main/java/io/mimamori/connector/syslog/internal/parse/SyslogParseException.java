package io.mimamori.connector.syslog.internal.parse;

/**
 * A frame that does not follow the syslog grammar it claims to follow.
 *
 * <p>The message names what was wrong and ends with {@code "at offset N"}, N counting bytes from the
 * first byte of the frame.
 */
public final class SyslogParseException extends Exception {

    private final int offset;

    public SyslogParseException(String problem, int offset) {
        // No stack trace: this reports bad input, not a bug, and a flood of bad frames must stay cheap.
        super(problem + " at offset " + offset, null, false, false);
        this.offset = offset;
    }

    /** Where the problem was found, in bytes from the first byte of the frame. */
    public int offset() {
        return offset;
    }
}
