package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.connector.syslog.SyslogMessage;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * One received frame as the classifier sees it.
 *
 * @param message    the decoded frame (an unparsed one too)
 * @param rawText    the frame's text as received, kept size-capped in the alert; may be null
 * @param peer       the sender's address, or null when the transport has none
 * @param receivedAt when the hub received the frame
 */
public record SyslogEvent(SyslogMessage message, String rawText, InetSocketAddress peer, Instant receivedAt) {
    public SyslogEvent {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
