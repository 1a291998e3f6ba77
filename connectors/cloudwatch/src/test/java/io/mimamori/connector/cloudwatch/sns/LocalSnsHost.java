package io.mimamori.connector.cloudwatch.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mimamori.testing.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Stands in for an SNS host on 127.0.0.1: serves published .pem files, answers
 * {@code ?Action=ConfirmSubscription} like SNS, and records every request it gets.
 */
final class LocalSnsHost implements AutoCloseable {
    private final HttpServer server;
    private final String scheme;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private LocalSnsHost(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::answer);
        server.start();
    }

    /** An HTTPS host whose certificate for 127.0.0.1 is issued by {@code ca}. */
    static LocalSnsHost https(TestCertificates.Issued ca) throws Exception {
        TestCertificates.Issued leaf = TestCertificates.leaf("127.0.0.1", ca);
        char[] password = "test".toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("server", leaf.keys().getPrivate(), password,
                new X509Certificate[] {leaf.certificate(), ca.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new LocalSnsHost(server, "https");
    }

    /** A plain HTTP host, to show that an http:// URL is never fetched. */
    static LocalSnsHost plain() throws IOException {
        return new LocalSnsHost(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                "http");
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String pathAndQuery) {
        return scheme + "://127.0.0.1:" + port() + pathAndQuery;
    }

    /** Serves {@code body} at {@code path}; returns its URL. */
    String publish(String path, byte[] body) {
        files.put(path, body);
        return url(path);
    }

    /** Every request so far, as {@code METHOD PATH?QUERY}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    List<String> requestsFor(String path) {
        return requests.stream().filter(r -> r.startsWith("GET " + path)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(exchange.getRequestMethod() + " " + target);
        byte[] body = files.get(exchange.getRequestURI().getRawPath());
        int status = 200;
        if (body == null && target.startsWith("/?Action=ConfirmSubscription")) {
            body = ("<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>"
                    + "arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0-26c4-47ec-8998-413945fb5a96"
                    + "</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>")
                    .getBytes(StandardCharsets.UTF_8);
        } else if (body == null) {
            status = 404;
            body = "not found".getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
