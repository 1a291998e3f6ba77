package io.mimamori.connector.cloudwatch.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs SNS messages the way SNS does, with a locally made RSA key and certificate. The string to
 * sign is built here from the published algorithm, independently of the code under test.
 */
final class SnsTestSigner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeyPair keys;
    private final X509Certificate certificate;

    private SnsTestSigner(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A key with a certificate valid from an hour ago for a day. */
    static SnsTestSigner create() {
        Instant now = Instant.now();
        return create(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    static SnsTestSigner create(Instant notBefore, Instant notAfter) {
        return create("CN=sns.amazonaws.com", List.of(), notBefore, notAfter);
    }

    /** A key with a certificate valid from an hour ago for a day, for {@code subject} and these DNS subjectAltNames. */
    static SnsTestSigner issuedFor(String subject, String... dnsNames) {
        Instant now = Instant.now();
        return create(subject, List.of(dnsNames), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    static SnsTestSigner create(String subject, List<String> dnsNames, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name(subject);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter), name,
                    keys.getPublic());
            if (!dnsNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
                        .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new SnsTestSigner(keys, certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as the .pem file SNS serves. */
    byte[] pem() {
        try {
            return ("-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A documented example message from {@code payloads/sns-https/}, with a Timestamp of now. */
    static ObjectNode example(String file) {
        try (InputStream in = SnsTestSigner.class.getResourceAsStream("/payloads/sns-https/" + file)) {
            ObjectNode message = (ObjectNode) JSON.readTree(in);
            message.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            return message;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets SignatureVersion, SigningCertURL and Signature of {@code message} (changed in place and returned). */
    ObjectNode sign(ObjectNode message, int version, String signingCertUrl) {
        message.put("SignatureVersion", Integer.toString(version));
        message.put("SigningCertURL", signingCertUrl);
        try {
            Signature signer = Signature.getInstance(version == 1 ? "SHA1withRSA" : "SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(stringToSign(message).getBytes(StandardCharsets.UTF_8));
            message.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
            return message;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The documented string to sign: each covered field present, in this order, as name line and value line. */
    static String stringToSign(ObjectNode message) {
        List<String> covered = "Notification".equals(message.path("Type").asText())
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder s = new StringBuilder();
        for (String field : covered) {
            if (message.has(field)) {
                s.append(field).append('\n').append(message.get(field).asText()).append('\n');
            }
        }
        return s.toString();
    }

    static String json(ObjectNode message) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
