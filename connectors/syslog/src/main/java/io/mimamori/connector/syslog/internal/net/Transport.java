package io.mimamori.connector.syslog.internal.net;

/** How a syslog frame reached the server. */
public enum Transport {
    UDP,
    TCP,
    TLS
}
