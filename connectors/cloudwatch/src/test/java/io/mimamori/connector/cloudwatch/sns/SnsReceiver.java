package io.mimamori.connector.cloudwatch.sns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A Camel context as the hub runs one: the platform-http server on 127.0.0.1 and YAML route files
 * loaded as an operator writes them, with the {@code cloudwatch-sns-source} kamelet from the class
 * path. Posts bodies the way SNS does.
 */
final class SnsReceiver implements AutoCloseable {
    private final CamelContext context = new DefaultCamelContext();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;

    /** Starts {@code routes} (YAML DSL); {@code setup} may add routes or beans before the start. */
    SnsReceiver(String routes, java.util.function.Consumer<CamelContext> setup) throws Exception {
        port = freePort();
        context.getRegistry().bind("meters", meters);
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindHost("127.0.0.1");
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        setup.accept(context);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routes));
        context.start();
    }

    CamelContext context() {
        return context;
    }

    /** POSTs {@code body} to {@code path} with the message-type header SNS sends. */
    HttpResponse<String> post(String path, String messageType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (messageType != null) {
            request.header("x-amz-sns-message-type", messageType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code mimamori_<meter>_total{connector="cloudwatch-sns-source",route=input,reason=reason}}, 0 when never counted. */
    double count(String meter, String input, String reason) {
        Counter c = meters.find(meter).tags("connector", "cloudwatch-sns-source", "route", input, "reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    double received(String input) {
        Counter c = meters.find("mimamori.received").tags("connector", "cloudwatch-sns-source", "route", input)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
