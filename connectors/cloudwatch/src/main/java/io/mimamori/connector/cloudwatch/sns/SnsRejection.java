package io.mimamori.connector.cloudwatch.sns;

/** Why a posted SNS message is not passed on: the HTTP status it gets and the metric reason it is counted under. */
final class SnsRejection extends Exception {

    enum Reason {
        MALFORMED(400, "malformed", true),
        TOO_LARGE(413, "too_large", true),
        FORGED_SIGNATURE(403, "forged_signature", false),
        UNTRUSTED_CERT_URL(403, "untrusted_cert_url", false),
        UNTRUSTED_CERT(403, "untrusted_cert", false),
        /** The signing certificate is issued for another name than signingCertName expects. */
        CERT_NAME_MISMATCH(403, "cert_name_mismatch", false),
        UNTRUSTED_SUBSCRIBE_URL(403, "untrusted_subscribe_url", false),
        TOPIC_NOT_ALLOWED(403, "topic_not_allowed", false),
        STALE(403, "stale", false),
        /** The signing certificate could not be fetched now: SNS is answered 5xx and delivers again. */
        CERT_UNAVAILABLE(503, "cert_unavailable", false),
        /** The SubscribeURL could not be visited now: SNS is answered 5xx and sends the confirmation again. */
        CONFIRM_FAILED(503, "confirm_failed", false);

        final int status;
        final String label;
        /** Counted as malformed (broke the protocol) rather than dropped (refused). */
        final boolean malformed;

        Reason(int status, String label, boolean malformed) {
            this.status = status;
            this.label = label;
            this.malformed = malformed;
        }
    }

    private final Reason reason;

    SnsRejection(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
