package io.mimamori.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * Where an alert came from.
 *
 * @param connector  the source connector's name, e.g. {@code syslog-source}
 * @param route      the input's name in the route files (metrics use the same label)
 * @param peer       the sender's address as {@code ip:port}, where the protocol has one
 * @param receivedAt when the hub received the input
 * @param sourceTime the time the sender stamped on it, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertSource(String connector, String route, String peer, Instant receivedAt, Instant sourceTime) {
    public AlertSource {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
