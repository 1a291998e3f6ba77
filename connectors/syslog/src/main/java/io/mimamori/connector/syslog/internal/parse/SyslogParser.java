package io.mimamori.connector.syslog.internal.parse;

import io.mimamori.connector.syslog.SyslogMessage;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Decodes one syslog frame: RFC 5424 when a VERSION follows PRI, RFC 3164 otherwise.
 *
 * <p>RFC 5424 is decoded strictly, exactly as its ABNF and MUSTs say. RFC 3164 never had a
 * strict grammar, so there "strict" means "in a recognised shape"; see {@link Rfc3164Decoder}.
 * A frame without PRI is neither.
 *
 * <p>One instance serves any number of threads: it holds no mutable state.
 */
public final class SyslogParser {

    private final Rfc3164Decoder rfc3164;

    /**
     * @param rfc3164Zone zone of RFC 3164 timestamps, which carry none
     * @param clock       "now", to supply the year that RFC 3164 timestamps leave out
     */
    public SyslogParser(ZoneId rfc3164Zone, Clock clock) {
        this.rfc3164 = new Rfc3164Decoder(
                Objects.requireNonNull(rfc3164Zone, "rfc3164Zone"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Decodes the frame in {@code buf[off, off + len)}. Trailing LF, CR and NUL bytes are ignored.
     *
     * @throws SyslogParseException      if the frame follows neither grammar; the message names
     *                                   the problem and its offset from {@code off}
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code buf}
     */
    public SyslogMessage parseStrict(byte[] buf, int off, int len) throws SyslogParseException {
        Objects.checkFromIndexSize(off, len, buf.length);
        return decode(new FrameCursor(buf, off, len));
    }

    /**
     * Like {@link #parseStrict} but never rejects a frame: one that does not decode comes back as
     * {@link SyslogMessage.Format#UNPARSED} with its whole text as the message, the reason as the
     * parse error, and facility and severity from PRI when PRI itself was valid (else -1).
     *
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code buf}
     */
    public SyslogMessage parse(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        FrameCursor frame = new FrameCursor(buf, off, len);
        try {
            return decode(frame);
        } catch (SyslogParseException e) {
            int pri = frame.pri;
            return new SyslogMessage(SyslogMessage.Format.UNPARSED,
                    pri < 0 ? -1 : pri >> 3, pri < 0 ? -1 : pri & 7,
                    null, null, null, null, null, List.of(),
                    frame.utf8(frame.start, frame.end), e.getMessage());
        }
    }

    private SyslogMessage decode(FrameCursor frame) throws SyslogParseException {
        frame.readPri();
        return Rfc5424Decoder.startsHeader(frame) ? Rfc5424Decoder.decode(frame) : rfc3164.decode(frame);
    }
}
