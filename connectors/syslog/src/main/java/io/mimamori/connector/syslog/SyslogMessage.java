package io.mimamori.connector.syslog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One syslog message as it arrived, decoded as far as its format allows.
 *
 * <p>Every frame becomes a message, even one that follows neither RFC: such a message has
 * {@link Format#UNPARSED}, the whole text in {@link #message()} and the reason in
 * {@link #parseError()}, so that a rule can still match it.
 *
 * @param format         which grammar decoded it
 * @param facility       0..23, or -1 when the frame had no PRI
 * @param severity       0 (emerg) .. 7 (debug), or -1 when the frame had no PRI
 * @param timestamp      the sender's timestamp, or null when absent (NILVALUE) or unparseable
 * @param hostname       HOSTNAME field, or null when absent (the receiver fills in the peer)
 * @param appName        APP-NAME (RFC 5424) or TAG (RFC 3164), or null
 * @param procId         PROCID (RFC 5424) or the pid in TAG[pid] (RFC 3164), or null
 * @param msgId          MSGID (RFC 5424), or the mnemonic of a Cisco-style %FAC-SEV-MNEMONIC, or null
 * @param structuredData SD-ELEMENTs in order (empty when none)
 * @param message        MSG, with a UTF-8 BOM removed; never null (may be empty)
 * @param parseError     why the frame could not be decoded strictly, or null
 */
public record SyslogMessage(
        Format format,
        int facility,
        int severity,
        OffsetDateTime timestamp,
        String hostname,
        String appName,
        String procId,
        String msgId,
        List<SdElement> structuredData,
        String message,
        String parseError) {

    public enum Format { RFC5424, RFC3164, UNPARSED }

    /** One SD-ELEMENT: its SD-ID and its parameters in order (a name may repeat). */
    public record SdElement(String id, List<SdParam> params) {
        public SdElement {
            Objects.requireNonNull(id, "id");
            params = List.copyOf(params);
        }
    }

    /** One SD-PARAM with its value unescaped. */
    public record SdParam(String name, String value) {
        public SdParam {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public SyslogMessage {
        Objects.requireNonNull(format, "format");
        structuredData = structuredData == null ? List.of() : List.copyOf(structuredData);
        message = message == null ? "" : message;
    }

    /** The first value of parameter {@code name} in element {@code sdId}, or null. */
    public String sdValue(String sdId, String name) {
        for (SdElement e : structuredData) {
            if (e.id().equals(sdId)) {
                for (SdParam p : e.params()) {
                    if (p.name().equals(name)) {
                        return p.value();
                    }
                }
            }
        }
        return null;
    }

    public boolean hasPri() {
        return facility >= 0 && severity >= 0;
    }
}
