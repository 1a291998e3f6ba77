package io.mimamori.connector.cloudwatch.sns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The SNS signing certificates, fetched once per URL and kept in a bounded cache (least recently
 * used first out) with the names they are issued for. Concurrent messages naming the same URL wait
 * for one fetch. A failed fetch is not cached, so SNS's next delivery tries again; a certificate
 * outside its validity period is refused and forgotten.
 */
final class SigningCertificates {
    static final int MAX_PEM_BYTES = 64 * 1024;

    /**
     * A fetched certificate.
     *
     * @param names what it is issued for ({@link SigningCertNames#of})
     */
    record Signer(X509Certificate certificate, List<String> names) {
    }

    private final SnsFetcher fetcher;
    private final Clock clock;
    private final Map<String, CompletableFuture<Signer>> cache;

    SigningCertificates(SnsFetcher fetcher, int capacity, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Signer>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The certificate at {@code url} (already checked by {@link SnsUrlPolicy}), valid now. */
    Signer get(URI url) throws SnsRejection {
        String key = url.toString();
        CompletableFuture<Signer> pending;
        boolean fetchHere = false;
        synchronized (cache) {
            pending = cache.get(key);
            if (pending == null) {
                pending = new CompletableFuture<>();
                cache.put(key, pending);
                fetchHere = true;
            }
        }
        if (fetchHere) {
            try {
                pending.complete(fetch(url));
            } catch (SnsRejection | RuntimeException e) {
                forget(key, pending);
                pending.completeExceptionally(e);
            }
        }
        Signer signer;
        try {
            signer = pending.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SnsRejection r ? r : new SnsRejection(SnsRejection.Reason.CERT_UNAVAILABLE,
                    "cannot fetch the signing certificate " + url + ": " + e.getCause());
        }
        X509Certificate certificate = signer.certificate();
        try {
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            forget(key, pending);
            throw new SnsRejection(SnsRejection.Reason.UNTRUSTED_CERT, "the signing certificate at " + url
                    + " is valid only from " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant());
        }
        return signer;
    }

    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private void forget(String key, CompletableFuture<Signer> entry) {
        synchronized (cache) {
            cache.remove(key, entry);
        }
    }

    private Signer fetch(URI url) throws SnsRejection {
        SnsFetcher.Response response;
        try {
            response = fetcher.get(url, MAX_PEM_BYTES);
        } catch (IOException e) {
            throw new SnsRejection(SnsRejection.Reason.CERT_UNAVAILABLE, "cannot fetch the signing certificate "
                    + url + ": " + e);
        }
        if (response.status() != 200) {
            throw new SnsRejection(response.status() >= 500 ? SnsRejection.Reason.CERT_UNAVAILABLE
                    : SnsRejection.Reason.UNTRUSTED_CERT, "fetching the signing certificate " + url + " answered HTTP "
                    + response.status());
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.body()));
            if (!"RSA".equals(certificate.getPublicKey().getAlgorithm())) {
                throw new SnsRejection(SnsRejection.Reason.UNTRUSTED_CERT, "the signing certificate at " + url
                        + " has no RSA key");
            }
            return new Signer(certificate, SigningCertNames.of(certificate));
        } catch (CertificateException | ClassCastException e) {
            throw new SnsRejection(SnsRejection.Reason.UNTRUSTED_CERT, url + " is not an X.509 certificate");
        }
    }
}
