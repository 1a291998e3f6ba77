package io.mimamori.connector.syslog.internal.parse;

import io.mimamori.connector.syslog.SyslogMessage;
import io.mimamori.connector.syslog.SyslogMessage.SdElement;
import io.mimamori.connector.syslog.SyslogMessage.SdParam;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5424 §6 exactly: every deviation from the ABNF, the field lengths and the MUSTs on
 * STRUCTURED-DATA is an error.
 */
final class Rfc5424Decoder {

    private static final int MAX_VERSION_DIGITS = 3;
    private static final int HOSTNAME_MAX = 255;
    private static final int APP_NAME_MAX = 48;
    private static final int PROCID_MAX = 128;
    private static final int MSGID_MAX = 32;
    private static final int SD_NAME_MAX = 32;

    private Rfc5424Decoder() {
    }

    /**
     * Whether the bytes after PRI start an RFC 5424 header: VERSION (1 to 3 digits) then SP.
     * Nothing in RFC 3164's shapes starts that way except content that happens to be a short
     * number and a space, which is then decoded, and rejected, as RFC 5424.
     */
    static boolean startsHeader(FrameCursor c) {
        int i = c.pos;
        while (c.isDigitAt(i) && i - c.pos < MAX_VERSION_DIGITS) {
            i++;
        }
        return i > c.pos && c.byteAt(i) == ' ';
    }

    /** Decodes from just after PRI to the end of the frame. */
    static SyslogMessage decode(FrameCursor c) throws SyslogParseException {
        readVersion(c);
        OffsetDateTime timestamp = readTimestamp(c);
        String hostname = readHeaderField(c, "HOSTNAME", HOSTNAME_MAX);
        String appName = readHeaderField(c, "APP-NAME", APP_NAME_MAX);
        String procId = readHeaderField(c, "PROCID", PROCID_MAX);
        String msgId = readHeaderField(c, "MSGID", MSGID_MAX);
        List<SdElement> structuredData = readStructuredData(c);
        String message = "";
        if (!c.atEnd()) {
            c.expect(' ', "after STRUCTURED-DATA");
            message = c.restAsMessage();
        }
        return new SyslogMessage(SyslogMessage.Format.RFC5424, c.pri >> 3, c.pri & 7, timestamp,
                hostname, appName, procId, msgId, structuredData, message, null);
    }

    private static void readVersion(FrameCursor c) throws SyslogParseException {
        int at = c.pos;
        int spaceAt = c.nextSpace(at);
        if (c.buf[at] == '0') {
            throw c.errorAt("VERSION " + c.ascii(at, spaceAt) + " is invalid: it must not start with 0", at);
        }
        if (spaceAt - at != 1 || c.buf[at] != '1') {
            throw c.errorAt("VERSION " + c.ascii(at, spaceAt) + " is not supported, only 1 is defined", at);
        }
        c.pos = spaceAt + 1;
    }

    private static OffsetDateTime readTimestamp(FrameCursor c) throws SyslogParseException {
        OffsetDateTime timestamp = null;
        if (c.peek() == '-') {
            c.pos++;
        } else {
            timestamp = Timestamps.readRfc3339(c, Timestamps.RFC5424_FRACTION_DIGITS);
        }
        c.expect(' ', "after TIMESTAMP");
        return timestamp;
    }

    /** Reads one of HOSTNAME, APP-NAME, PROCID, MSGID and the SP after it; NILVALUE gives null. */
    private static String readHeaderField(FrameCursor c, String name, int maxLength) throws SyslogParseException {
        int from = c.pos;
        int to = from;
        while (to < c.end) {
            int b = c.buf[to] & 0xFF;
            if (b == ' ') {
                break;
            }
            if (!FrameCursor.isPrintableAscii(b)) {
                throw c.errorAt(name + " contains " + FrameCursor.describe(b)
                        + ", only printable US-ASCII is allowed", to);
            }
            to++;
        }
        if (to == from) {
            throw c.errorAt(name + " is empty, expected a value or '-'", from);
        }
        if (to - from > maxLength) {
            throw c.errorAt(name + " is " + (to - from) + " bytes long, at most " + maxLength + " are allowed", from);
        }
        c.pos = to;
        c.expect(' ', "after " + name);
        return to - from == 1 && c.buf[from] == '-' ? null : c.ascii(from, to);
    }

    private static List<SdElement> readStructuredData(FrameCursor c) throws SyslogParseException {
        if (c.peek() == '-') {
            c.pos++;
            return List.of();
        }
        if (c.peek() != '[') {
            throw c.error("STRUCTURED-DATA must be '-' or start with '[', found " + FrameCursor.describe(c.peek()));
        }
        List<SdElement> elements = new ArrayList<>(2);
        while (c.peek() == '[') {
            elements.add(readSdElement(c, elements));
        }
        return elements;
    }

    private static SdElement readSdElement(FrameCursor c, List<SdElement> earlier) throws SyslogParseException {
        int elementAt = c.pos;
        c.pos++;
        int idAt = c.pos;
        String id = readSdName(c, "SD-ID");
        for (SdElement e : earlier) {
            if (e.id().equals(id)) {
                throw c.errorAt("SD-ID \"" + id + "\" occurs twice, RFC 5424 §6.3.2 forbids that", idAt);
            }
        }
        List<SdParam> params = new ArrayList<>(4);
        while (true) {
            int b = c.peek();
            if (b == ']') {
                c.pos++;
                return new SdElement(id, params);
            }
            if (b == ' ') {
                c.pos++;
                params.add(readSdParam(c));
            } else if (b < 0) {
                throw c.errorAt("SD-ELEMENT is not terminated by ']'", elementAt);
            } else {
                throw c.error("expected SP or ']' in SD-ELEMENT \"" + id + "\", found " + FrameCursor.describe(b));
            }
        }
    }

    private static SdParam readSdParam(FrameCursor c) throws SyslogParseException {
        String name = readSdName(c, "PARAM-NAME");
        c.expect('=', "after PARAM-NAME \"" + name + "\"");
        c.expect('"', "to open the value of \"" + name + "\"");
        return new SdParam(name, readParamValue(c));
    }

    /** SD-NAME: 1 to 32 PRINTUSASCII except '=', SP, ']' and '"'. */
    private static String readSdName(FrameCursor c, String what) throws SyslogParseException {
        int from = c.pos;
        int to = from;
        while (to < c.end) {
            int b = c.buf[to] & 0xFF;
            if (b == '=' || b == ' ' || b == ']' || b == '"') {
                break;
            }
            if (!FrameCursor.isPrintableAscii(b)) {
                throw c.errorAt(what + " contains " + FrameCursor.describe(b)
                        + ", only printable US-ASCII is allowed", to);
            }
            to++;
        }
        if (to == from) {
            throw c.errorAt(what + " is empty, found " + FrameCursor.describe(c.byteAt(from)), from);
        }
        if (to - from > SD_NAME_MAX) {
            throw c.errorAt(what + " is " + (to - from) + " bytes long, at most 32 are allowed", from);
        }
        c.pos = to;
        return c.ascii(from, to);
    }

    /**
     * Reads PARAM-VALUE up to and including its closing '"'. RFC 5424 §6.3.3: '"', '\' and ']'
     * are escaped with '\'; a '\' before any other character stays as it is. An unescaped ']' is
     * rejected because the RFC says it MUST be escaped; the value must be valid UTF-8.
     */
    private static String readParamValue(FrameCursor c) throws SyslogParseException {
        byte[] buf = c.buf;
        int from = c.pos;
        int i = from;
        boolean escaped = false;
        boolean nonAscii = false;
        while (true) {
            if (i >= c.end) {
                throw c.errorAt("PARAM-VALUE is not terminated by '\"'", from - 1);
            }
            byte b = buf[i];
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                escaped = true;
                i += isEscapable(c.byteAt(i + 1)) ? 2 : 1;
            } else if (b == ']') {
                throw c.errorAt("']' in PARAM-VALUE must be escaped as '\\]'", i);
            } else {
                nonAscii |= b < 0;
                i++;
            }
        }
        int to = i;
        c.pos = to + 1;
        if (nonAscii) {
            int malformedAt = Utf8.firstMalformed(buf, from, to);
            if (malformedAt >= 0) {
                throw c.errorAt("PARAM-VALUE is not valid UTF-8", malformedAt);
            }
        }
        return escaped ? unescape(buf, from, to) : c.utf8(from, to);
    }

    private static boolean isEscapable(int b) {
        return b == '"' || b == '\\' || b == ']';
    }

    private static String unescape(byte[] buf, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == '\\' && i + 1 < to && isEscapable(buf[i + 1])) {
                i++;
            }
            out[n++] = buf[i];
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
