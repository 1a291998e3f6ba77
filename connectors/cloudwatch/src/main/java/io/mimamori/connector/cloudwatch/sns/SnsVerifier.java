package io.mimamori.connector.cloudwatch.sns;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Decides whether a parsed SNS message really comes from SNS for a topic this input accepts, in
 * the order that fetches nothing for a message refused anyway: topic allow-list, age, signature
 * fields, certificate URL, then the certificate (valid now, issued for a name
 * {@link SigningCertNames} expects for the topic's region) and the signature itself
 * (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA, over {@link SnsMessage#stringToSign()}).
 */
final class SnsVerifier {
    /** How far a Timestamp may lie ahead of this host's clock. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final TopicAllowList topics;
    private final SnsUrlPolicy urls;
    private final SigningCertificates certificates;
    private final SigningCertNames names;
    private final Duration maxAge;
    private final Clock clock;

    SnsVerifier(TopicAllowList topics, SnsUrlPolicy urls, SigningCertificates certificates, SigningCertNames names,
            Duration maxAge, Clock clock) {
        this.topics = topics;
        this.urls = urls;
        this.certificates = certificates;
        this.names = names;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    void verify(SnsMessage m) throws SnsRejection {
        if (!topics.allows(m.topicArn())) {
            throw new SnsRejection(SnsRejection.Reason.TOPIC_NOT_ALLOWED, "topic " + m.topicArn()
                    + " is not in allowedTopicArns");
        }
        Instant now = clock.instant();
        if (m.timestamp().isBefore(now.minus(maxAge)) || m.timestamp().isAfter(now.plus(CLOCK_SKEW))) {
            throw new SnsRejection(SnsRejection.Reason.STALE, "Timestamp " + m.timestampText() + " is more than "
                    + maxAge.toSeconds() + " s old or ahead of this host's clock");
        }
        String algorithm = algorithm(m);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(m.signature());
        } catch (IllegalArgumentException e) {
            throw new SnsRejection(SnsRejection.Reason.FORGED_SIGNATURE, "Signature is not Base64");
        }
        URI url = urls.signingCertificate(m.signingCertUrl());
        SigningCertificates.Signer signer = certificates.get(url);
        checkName(signer, url, SigningCertNames.regionOf(m.topicArn()));
        X509Certificate certificate = signer.certificate();
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(m.stringToSign().getBytes(StandardCharsets.UTF_8));
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new SnsRejection(SnsRejection.Reason.FORGED_SIGNATURE, "the signature does not match the message");
        }
    }

    private void checkName(SigningCertificates.Signer signer, URI url, String region) throws SnsRejection {
        Set<String> expected = names.expected(region);
        if (signer.names().stream().noneMatch(expected::contains)) {
            throw new SnsRejection(SnsRejection.Reason.CERT_NAME_MISMATCH, "the signing certificate at " + url
                    + " is issued for " + (signer.names().isEmpty() ? "no name" : String.join(", ", signer.names()))
                    + ", not for SNS signing in " + (region == null ? "the topic's region" : region) + " ("
                    + String.join(", ", expected) + "; signingCertName " + names.configured() + ")");
        }
    }

    private static String algorithm(SnsMessage m) throws SnsRejection {
        if (m.signature() == null || m.signatureVersion() == null || m.signingCertUrl() == null) {
            throw new SnsRejection(SnsRejection.Reason.FORGED_SIGNATURE, "unsigned: no Signature, SignatureVersion "
                    + "or SigningCertURL");
        }
        return switch (m.signatureVersion()) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new SnsRejection(SnsRejection.Reason.FORGED_SIGNATURE, "unknown SignatureVersion '"
                    + m.signatureVersion() + "'");
        };
    }
}
