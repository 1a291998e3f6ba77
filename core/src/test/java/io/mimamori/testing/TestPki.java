package io.mimamori.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA with server and client certificates for TLS tests, written as PEM files the
 * way an operator would give them to the hub.
 */
public final class TestPki {
    public final Path dir;
    public final Path caCert;
    public final Path serverCert;
    public final Path serverKey;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final KeyPair clientKeys;
    private final X509Certificate client;

    private TestPki(Path dir) throws Exception {
        this.dir = dir;
        caKeys = rsa();
        ca = sign("CN=Mimamori Test CA", caKeys, "CN=Mimamori Test CA", caKeys, true);
        KeyPair serverKeys = rsa();
        X509Certificate server = sign("CN=localhost", serverKeys, "CN=Mimamori Test CA", caKeys, false);
        clientKeys = rsa();
        client = sign("CN=test-client", clientKeys, "CN=Mimamori Test CA", caKeys, false);
        caCert = write(dir.resolve("ca.pem"), ca);
        serverCert = write(dir.resolve("server.pem"), server);
        serverKey = dir.resolve("server.key");
        try (StringWriter sw = new StringWriter(); JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new JcaPKCS8Generator(serverKeys.getPrivate(), null));
            w.flush();
            Files.writeString(serverKey, sw.toString());
        }
    }

    /** Writes ca.pem, server.pem (CN and SAN localhost/127.0.0.1) and server.key (PKCS#8) into {@code dir}. */
    public static TestPki create(Path dir) throws Exception {
        Files.createDirectories(dir);
        return new TestPki(dir);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                        boolean isCa) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
                new X500Name(subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    private static Path write(Path file, X509Certificate cert) throws IOException {
        try (StringWriter sw = new StringWriter(); JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(cert);
            w.flush();
            Files.writeString(file, sw.toString());
        }
        return file;
    }

    /** A client context trusting the test CA; with {@code clientCertificate} it also presents one. */
    public SSLContext clientContext(boolean clientCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientCertificate) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", clientKeys.getPrivate(), new char[0], new X509Certificate[] {client, ca});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }
}
