package io.mimamori.connector.cloudwatch.sns;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * GETs the URLs {@link SnsUrlPolicy} allowed, over HTTPS with the server certificate and host name
 * verified: against the JVM's trusted CAs, or only against those of {@code trustedCaFile} when it
 * is given. Redirects are not followed (they could lead off the allowed hosts) and bodies are bounded.
 */
final class SnsFetcher {
    /** What a GET answered. */
    record Response(int status, byte[] body) {
    }

    private final HttpClient client;
    private final Duration timeout;

    /** @throws IllegalArgumentException naming the parameter when {@code trustedCaFile} holds no usable certificate */
    SnsFetcher(Path trustedCaFile, Duration timeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).proxy(ProxySelector.getDefault());
        if (trustedCaFile != null) {
            builder.sslContext(sslContext(trustedCaFile));
        }
        this.client = builder.build();
        this.timeout = timeout;
    }

    static SSLContext sslContext(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (cas.isEmpty()) {
                throw new IllegalArgumentException("trustedCaFile " + caFile + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new IllegalArgumentException("trustedCaFile: cannot read " + caFile + " (" + e.getClass().getSimpleName()
                    + "); make it readable by the hub or correct the path", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("trustedCaFile " + caFile + " is not a file of PEM certificates ("
                    + e.getMessage() + ")", e);
        }
    }

    /** @throws IOException when the server cannot be reached in time or the body exceeds {@code maxBytes} */
    Response get(URI uri, int maxBytes) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new IOException(uri + " answered more than " + maxBytes + " bytes");
            }
            return new Response(response.statusCode(), body);
        }
    }
}
