package io.mimamori.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** EC P-256 certificates made on the fly for TLS tests, written as the PEM files an operator gives the hub. */
public final class TestCertificates {

    public record Issued(X509Certificate certificate, KeyPair keys) {}

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {}

    public static Issued selfSignedCa(String commonName) throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        return new Issued(sign(name, keys, name, keys, true), keys);
    }

    /** A certificate for 127.0.0.1 signed by {@code issuer}, or by itself when {@code issuer} is null. */
    public static Issued leaf(String commonName, Issued issuer) throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        X509Certificate certificate = issuer == null
                ? sign(name, keys, name, keys, false)
                : sign(name, keys, X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                        issuer.keys(), false);
        return new Issued(certificate, keys);
    }

    public static Path writeCertificate(Path file, X509Certificate certificate) throws IOException, GeneralSecurityException {
        return Files.writeString(file, pem("CERTIFICATE", certificate.getEncoded()));
    }

    public static Path writePkcs8Key(Path file, KeyPair keys) throws IOException {
        return Files.writeString(file, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    /** A TLS client context trusting {@code trusted}, presenting {@code clientIdentity} when it is not null. */
    public static SSLContext clientContext(X509Certificate trusted, Issued clientIdentity)
            throws GeneralSecurityException, IOException {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("server", trusted);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        KeyManagerFactory keys = null;
        if (clientIdentity != null) {
            char[] password = "test".toCharArray();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("client", clientIdentity.keys().getPrivate(), password,
                    new X509Certificate[] {clientIdentity.certificate()});
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            boolean ca) throws GeneralSecurityException {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))),
                    subject,
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!ca) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
