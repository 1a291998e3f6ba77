package io.mimamori.hub;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The platform-http engine pinned to the API server's port. Camel's engine finds "its" server by
 * type, which is ambiguous once the management server runs beside it, and then falls back to
 * 8080; pinning the port lets {@code camel.server.port} be anything.
 */
final class ApiHttpEngine extends VertxPlatformHttpEngine {
    private final int port;

    ApiHttpEngine(int port) {
        this.port = port;
    }

    @Override
    public int getServerPort() {
        return port;
    }
}
