package io.mimamori.connector.cloudwatch.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mimamori.alert.Alert;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Status;
import io.mimamori.testing.LogCapture;
import io.mimamori.testing.TestCertificates;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SNS receiver ({@code mimamori-sns-https}, the verifying half of the
 * {@code cloudwatch-sns-source} kamelet) and the whole kamelet on a real HTTP server, fed SNS
 * messages in the documented shapes, signed with a local key whose certificate a local HTTPS
 * "SNS host" serves.
 */
class CloudWatchSnsSourceTest {
    private static final String PATH = "/aws/sns/test";
    private static final String INPUT = "test";
    private static final String ALARM_PATH = "/aws/sns/alarms";
    private static final String DISALLOWED_TOPIC = "arn:aws:sns:us-west-2:999999999999:MyTopic";

    @TempDir
    static Path dir;
    private static LocalSnsHost sns;
    private static LocalSnsHost otherHost;
    private static LocalSnsHost plainHost;
    private static SnsReceiver receiver;
    private static SnsTestSigner signer;
    private static MockEndpoint next;
    private static MockEndpoint alerts;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates.Issued ca = TestCertificates.selfSignedCa("Local SNS test CA");
        Path caFile = TestCertificates.writeCertificate(dir.resolve("ca.pem"), ca.certificate());
        sns = LocalSnsHost.https(ca);
        otherHost = LocalSnsHost.https(ca);
        plainHost = LocalSnsHost.plain();
        signer = SnsTestSigner.create();
        receiver = new SnsReceiver("""
                - route:
                    id: sns-test
                    from:
                      uri: mimamori-sns-https:%1$s
                      parameters:
                        path: %2$s
                        allowedTopicArns: "arn:aws:sns:us-west-2:123456789012:*,arn:aws:sns:us-east-1:123456789012:ops,arn:aws:sns:ap-east-1:123456789012:*"
                        signingCertHostPattern: "127.0.0.1:%3$d"
                        trustedCaFile: "%4$s"
                        maxBodySize: 8192
                      steps:
                        - to: mock:next
                - route:
                    id: sns-alarms
                    from:
                      uri: kamelet:cloudwatch-sns-source
                      parameters:
                        name: alarms
                        path: %5$s
                        allowedTopicArns: "arn:aws:sns:us-west-2:123456789012:*"
                        signingCertHostPattern: "127.0.0.1:%3$d"
                        signingCertName: "aws,sns-local.{region}.example.internal"
                        trustedCaFile: "%4$s"
                      steps:
                        - to: mock:alerts
                """.formatted(INPUT, PATH, sns.port(), caFile, ALARM_PATH), context -> { });
        next = receiver.context().getEndpoint("mock:next", MockEndpoint.class);
        alerts = receiver.context().getEndpoint("mock:alerts", MockEndpoint.class);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        sns.close();
        otherHost.close();
        plainHost.close();
    }

    @BeforeEach
    void resetMock() {
        next.reset();
        next.whenAnyExchangeReceived(exchange -> { });
    }

    /** A fresh URL for the signing certificate, so each test sees its own first fetch. */
    private static String certUrl(SnsTestSigner key) {
        return sns.publish("/SimpleNotificationService-" + UUID.randomUUID() + ".pem", key.pem());
    }

    private static HttpResponse<String> post(ObjectNode message) throws Exception {
        return receiver.post(PATH, message.get("Type").asText(), SnsTestSigner.json(message));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aVerifiedNotificationIsPassedOnUnchangedWithItsHeaders(int version) throws Exception {
        String body = SnsTestSigner.json(signer.sign(SnsTestSigner.example("notification.json"), version,
                certUrl(signer)));

        HttpResponse<String> response = receiver.post(PATH, "Notification", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(next.getReceivedExchanges()).hasSize(1);
        var passed = next.getReceivedExchanges().get(0).getMessage();
        assertThat(passed.getBody(String.class)).isEqualTo(body);
        assertThat(passed.getHeader(SnsHeaders.TOPIC_ARN)).isEqualTo("arn:aws:sns:us-west-2:123456789012:MyTopic");
        assertThat(passed.getHeader(SnsHeaders.MESSAGE_ID)).isEqualTo("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
        assertThat(passed.getHeader(SnsHeaders.SUBJECT)).isEqualTo("My First Message");
        assertThat(passed.getHeader(SnsHeaders.TYPE)).isEqualTo("Notification");
        assertThat(passed.getHeaders()).doesNotContainKey("x-amz-sns-message-type");
    }

    @Test
    void aCloudWatchAlarmWithoutSubjectIsPassedOn() throws Exception {
        String body = SnsTestSigner.json(signer.sign(SnsTestSigner.example("notification-cloudwatch-alarm.json"), 2,
                certUrl(signer)));

        assertThat(receiver.post(PATH, "Notification", body).statusCode()).isEqualTo(200);

        assertThat(next.getReceivedExchanges()).hasSize(1);
        var passed = next.getReceivedExchanges().get(0).getMessage();
        assertThat(passed.getBody(String.class)).isEqualTo(body).contains("web-1 CPU high");
        assertThat(passed.getHeaders()).doesNotContainKey(SnsHeaders.SUBJECT);
    }

    @Test
    void theKameletTurnsAVerifiedAlarmNotificationIntoItsAlert() throws Exception {
        alerts.reset();
        String body = SnsTestSigner.json(signer.sign(SnsTestSigner.example("notification-cloudwatch-alarm.json"), 2,
                certUrl(signer)));

        assertThat(receiver.post(ALARM_PATH, "Notification", body).statusCode()).isEqualTo(200);

        assertThat(alerts.getReceivedExchanges()).hasSize(1);
        List<?> out = alerts.getReceivedExchanges().get(0).getMessage().getBody(List.class);
        assertThat(out).singleElement().isInstanceOfSatisfying(Alert.class, a -> {
            assertThat(a.status()).isEqualTo(Status.FIRING);
            assertThat(a.layer()).isEqualTo(Layer.CLOUD);
            assertThat(a.dedupKey()).isEqualTo("aws/123456789012/us-west-2/web-1 CPU high");
            assertThat(a.source().connector()).isEqualTo("cloudwatch-sns-source");
            assertThat(a.links()).extracting(l -> l.href()).anyMatch(h -> h.startsWith("https://us-west-2.console.aws.amazon.com/"));
        });
    }

    @Test
    void aVerifiedNotificationThatIsNotAnAlarmIsAnsweredAndCountedButMakesNoAlert() throws Exception {
        alerts.reset();
        String body = SnsTestSigner.json(signer.sign(SnsTestSigner.example("notification.json"), 1, certUrl(signer)));

        assertThat(receiver.post(ALARM_PATH, "Notification", body).statusCode()).isEqualTo(200);

        assertThat(alerts.getReceivedExchanges()).isEmpty();
        assertThat(receiver.count("mimamori.malformed", "alarms", "malformed_json")).as("its Message is plain text").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Message", "Subject", "TopicArn", "Timestamp", "MessageId"})
    void aTamperedSignedFieldIsRefusedAsForged(String field) throws Exception {
        ObjectNode message = signer.sign(SnsTestSigner.example("notification.json"), 2, certUrl(signer));
        String tampered = switch (field) {
            case "TopicArn" -> "arn:aws:sns:us-west-2:123456789012:OtherAllowedTopic";
            case "Timestamp" -> Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS).toString();
            default -> message.get(field).asText() + " (changed)";
        };
        message.put(field, tampered);
        double before = receiver.count("mimamori.dropped", INPUT, "forged_signature");

        HttpResponse<String> response = post(message);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("forged_signature:");
        assertThat(next.getReceivedExchanges()).isEmpty();
        assertThat(receiver.count("mimamori.dropped", INPUT, "forged_signature")).isEqualTo(before + 1);
    }

    @Test
    void anAddedSubjectIsRefusedAsForged() throws Exception {
        ObjectNode message = signer.sign(SnsTestSigner.example("notification-cloudwatch-alarm.json"), 1,
                certUrl(signer));
        message.put("Subject", "ALARM: \"web-1 CPU high\" in US West (Oregon)");

        assertThat(post(message).statusCode()).isEqualTo(403);
        assertThat(next.getReceivedExchanges()).isEmpty();
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        SnsTestSigner stranger = SnsTestSigner.create();
        ObjectNode message = stranger.sign(SnsTestSigner.example("notification.json"), 2, certUrl(signer));

        HttpResponse<String> response = post(message);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("signature does not match");
        assertThat(next.getReceivedExchanges()).isEmpty();
    }

    @Test
    void unsignedAndUnknownSignatureVersionsAreRefused() throws Exception {
        ObjectNode unsigned = SnsTestSigner.example("notification.json");
        unsigned.remove("Signature");
        ObjectNode version3 = signer.sign(SnsTestSigner.example("notification.json"), 2, certUrl(signer));
        version3.put("SignatureVersion", "3");
        ObjectNode garbage = signer.sign(SnsTestSigner.example("notification.json"), 1, certUrl(signer));
        garbage.put("Signature", "not base64 at all!");

        assertThat(post(unsigned).body()).startsWith("forged_signature: unsigned");
        assertThat(post(version3).body()).startsWith("forged_signature: unknown SignatureVersion '3'");
        assertThat(post(garbage).statusCode()).isEqualTo(403);
        assertThat(next.getReceivedExchanges()).isEmpty();
    }

    @Test
    void aCertificateUrlOffTheSnsHostsIsRefusedWithoutAnyFetch() throws Exception {
        String pemPath = "/SimpleNotificationService-" + UUID.randomUUID() + ".pem";
        String[] untrusted = {
            plainHost.publish(pemPath, signer.pem()),                     // http://
            otherHost.publish(pemPath, signer.pem()),                     // https, but a port not allowed
            "https://sns.us-west-2.amazonaws.com.attacker.example" + pemPath,
            "https://attacker.example" + pemPath,
            sns.url(pemPath).replace("https://", "https://user@"),        // user info
            sns.url("/cert.txt"),                                          // not a .pem
            sns.url(pemPath + "?x=1"),                                     // a query
        };
        double before = receiver.count("mimamori.dropped", INPUT, "untrusted_cert_url");

        for (String url : untrusted) {
            HttpResponse<String> response = post(signer.sign(SnsTestSigner.example("notification.json"), 2, url));
            assertThat(response.statusCode()).as(url).isEqualTo(403);
            assertThat(response.body()).as(url).startsWith("untrusted_cert_url:");
        }

        assertThat(plainHost.requests()).isEmpty();
        assertThat(otherHost.requests()).isEmpty();
        assertThat(sns.requestsFor(pemPath)).isEmpty();
        assertThat(sns.requestsFor("/cert.txt")).isEmpty();
        assertThat(next.getReceivedExchanges()).isEmpty();
        assertThat(receiver.count("mimamori.dropped", INPUT, "untrusted_cert_url")).isEqualTo(before + untrusted.length);
    }

    @Test
    void theSigningCertificateIsFetchedOnceForManyMessages() throws Exception {
        String url = certUrl(signer);
        String path = url.substring(url.indexOf("/SimpleNotificationService"));

        for (int i = 0; i < 5; i++) {
            ObjectNode message = SnsTestSigner.example("notification.json");
            message.put("MessageId", UUID.randomUUID().toString());
            assertThat(post(signer.sign(message, 1 + i % 2, url)).statusCode()).isEqualTo(200);
        }

        assertThat(next.getReceivedExchanges()).hasSize(5);
        assertThat(sns.requestsFor(path)).hasSize(1);
    }

    @Test
    void aTopicNotAllowedIsRefusedBeforeAnyFetch() throws Exception {
        String url = certUrl(signer);
        String path = url.substring(url.indexOf("/SimpleNotificationService"));
        ObjectNode message = SnsTestSigner.example("notification.json");
        message.put("TopicArn", DISALLOWED_TOPIC);
        double before = receiver.count("mimamori.dropped", INPUT, "topic_not_allowed");

        HttpResponse<String> response = post(signer.sign(message, 2, url));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("topic_not_allowed: topic " + DISALLOWED_TOPIC);
        assertThat(sns.requestsFor(path)).isEmpty();
        assertThat(next.getReceivedExchanges()).isEmpty();
        assertThat(receiver.count("mimamori.dropped", INPUT, "topic_not_allowed")).isEqualTo(before + 1);
    }

    @Test
    void whatTheClientSentCannotBreakTheReplyIntoLines() throws Exception {
        ObjectNode message = SnsTestSigner.example("notification.json");
        message.put("TopicArn", "arn:aws:sns:us-west-2:999999999999:x\r\nforged log line");

        HttpResponse<String> response = post(message);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains(":x??forged log line").hasLineCount(1);
    }

    @Test
    void anOldMessageIsRefusedAsStale() throws Exception {
        ObjectNode message = SnsTestSigner.example("notification.json");
        message.put("Timestamp", Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS).toString());
        double before = receiver.count("mimamori.dropped", INPUT, "stale");

        HttpResponse<String> response = post(signer.sign(message, 2, certUrl(signer)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("stale:");
        assertThat(next.getReceivedExchanges()).isEmpty();
        assertThat(receiver.count("mimamori.dropped", INPUT, "stale")).isEqualTo(before + 1);
    }

    @Test
    void anExpiredSigningCertificateIsRefused() throws Exception {
        Instant now = Instant.now();
        SnsTestSigner expired = SnsTestSigner.create(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));

        HttpResponse<String> response = post(expired.sign(SnsTestSigner.example("notification.json"), 2,
                certUrl(expired)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("untrusted_cert: the signing certificate").contains("valid only");
        assertThat(next.getReceivedExchanges()).isEmpty();
    }

    @Test
    void expiredAndNotYetValidSigningCertificatesAreCountedAsUntrusted() throws Exception {
        Instant now = Instant.now();
        SnsTestSigner expired = SnsTestSigner.create(now.minus(Duration.ofDays(30)), now.minus(Duration.ofMinutes(1)));
        SnsTestSigner early = SnsTestSigner.create(now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofDays(30)));
        double before = receiver.count("mimamori.dropped", INPUT, "untrusted_cert");

        for (SnsTestSigner key : List.of(expired, early)) {
            HttpResponse<String> response = post(key.sign(SnsTestSigner.example("notification.json"), 2, certUrl(key)));
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).startsWith("untrusted_cert: the signing certificate at https://127.0.0.1:")
                    .contains(" is valid only from ");
        }

        assertThat(next.getReceivedExchanges()).isEmpty();
        assertThat(receiver.count("mimamori.dropped", INPUT, "untrusted_cert")).isEqualTo(before + 2);
    }

    @Test
    void aSigningCertificateIssuedForAnotherNameIsRefusedAndCounted() throws Exception {
        SnsTestSigner stranger = SnsTestSigner.issuedFor("CN=alerts.attacker.example");
        double before = receiver.count("mimamori.dropped", INPUT, "cert_name_mismatch");

        HttpResponse<String> response = post(stranger.sign(SnsTestSigner.example("notification.json"), 2,
                certUrl(stranger)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("cert_name_mismatch: the signing certificate at https://127.0.0.1:")
                .contains(" is issued for alerts.attacker.example, not for SNS signing in us-west-2 (sns.amazonaws.com,"
                        + " sns-signing.us-west-2.amazonaws.com, sns-us-west-2.amazonaws.com,"
                        + " sns.us-west-2.amazonaws.com; signingCertName aws)");
        assertThat(next.getReceivedExchanges()).isEmpty();
        assertThat(receiver.count("mimamori.dropped", INPUT, "cert_name_mismatch")).isEqualTo(before + 1);
    }

    @Test
    void theSubjectAltNamesDecideWhenACertificateHasThem() throws Exception {
        SnsTestSigner snsNamedOnlyInCn = SnsTestSigner.issuedFor("CN=sns.amazonaws.com", "www.attacker.example");
        SnsTestSigner snsInSan = SnsTestSigner.issuedFor("CN=Amazon SNS signing,O=Amazon", "sns.amazonaws.com");

        HttpResponse<String> refused = post(snsNamedOnlyInCn.sign(SnsTestSigner.example("notification.json"), 2,
                certUrl(snsNamedOnlyInCn)));
        HttpResponse<String> accepted = post(snsInSan.sign(SnsTestSigner.example("notification.json"), 1,
                certUrl(snsInSan)));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).startsWith("cert_name_mismatch:").contains("is issued for www.attacker.example,");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(next.getReceivedExchanges()).hasSize(1);
    }

    @Test
    void anOptInRegionsTopicIsSignedWithItsOwnName() throws Exception {
        SnsTestSigner hongKong = SnsTestSigner.issuedFor("CN=sns-signing.ap-east-1.amazonaws.com");
        String url = certUrl(hongKong);
        ObjectNode inHongKong = SnsTestSigner.example("notification.json");
        inHongKong.put("TopicArn", "arn:aws:sns:ap-east-1:123456789012:MyTopic");

        HttpResponse<String> accepted = post(hongKong.sign(inHongKong, 2, url));
        HttpResponse<String> elsewhere = post(hongKong.sign(SnsTestSigner.example("notification.json"), 2, url));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.body()).startsWith("cert_name_mismatch:").contains("not for SNS signing in us-west-2");
        assertThat(next.getReceivedExchanges()).hasSize(1);
    }

    @Test
    void signingCertNameAddsTheNamesALocalSnsSignsWith() throws Exception {
        alerts.reset();
        SnsTestSigner local = SnsTestSigner.issuedFor("CN=sns-local.us-west-2.example.internal");
        SnsTestSigner otherRegion = SnsTestSigner.issuedFor("CN=sns-local.eu-west-1.example.internal");

        HttpResponse<String> accepted = receiver.post(ALARM_PATH, "Notification", SnsTestSigner.json(local.sign(
                SnsTestSigner.example("notification-cloudwatch-alarm.json"), 2, certUrl(local))));
        HttpResponse<String> refused = receiver.post(ALARM_PATH, "Notification", SnsTestSigner.json(otherRegion.sign(
                SnsTestSigner.example("notification-cloudwatch-alarm.json"), 2, certUrl(otherRegion))));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(alerts.getReceivedExchanges()).hasSize(1);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).startsWith("cert_name_mismatch:").contains("is issued for"
                + " sns-local.eu-west-1.example.internal,").contains("sns-local.us-west-2.example.internal;"
                + " signingCertName aws,sns-local.{region}.example.internal)");
        assertThat(receiver.count("mimamori.dropped", "alarms", "cert_name_mismatch")).isEqualTo(1);
    }

    @Test
    void aSubscriptionConfirmationOfAnAllowedTopicIsConfirmed() throws Exception {
        ObjectNode message = SnsTestSigner.example("subscription-confirmation.json");
        String token = UUID.randomUUID().toString();
        message.put("Token", token);
        message.put("SubscribeURL", sns.url("/?Action=ConfirmSubscription&TopicArn="
                + "arn:aws:sns:us-west-2:123456789012:MyTopic&Token=" + token));

        HttpResponse<String> response;
        String logged;
        try (LogCapture log = new LogCapture(Level.INFO)) {
            response = post(signer.sign(message, 1, certUrl(signer)));
            logged = log.text();
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sns.requests()).anyMatch(r -> r.startsWith("GET /?Action=ConfirmSubscription") && r.endsWith(token));
        assertThat(logged).contains("cloudwatch-sns-source 'test': confirmed the subscription to "
                + "arn:aws:sns:us-west-2:123456789012:MyTopic").doesNotContain(token);
        assertThat(next.getReceivedExchanges()).isEmpty();
    }

    @Test
    void aSubscriptionConfirmationOfAnotherTopicIsNeverVisited() throws Exception {
        ObjectNode message = SnsTestSigner.example("subscription-confirmation.json");
        String token = UUID.randomUUID().toString();
        message.put("TopicArn", DISALLOWED_TOPIC);
        message.put("Token", token);
        message.put("SubscribeURL", sns.url("/?Action=ConfirmSubscription&TopicArn=" + DISALLOWED_TOPIC
                + "&Token=" + token));
        int requestsBefore = sns.requests().size();

        HttpResponse<String> response = post(signer.sign(message, 2, certUrl(signer)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("topic_not_allowed:");
        assertThat(sns.requests()).hasSize(requestsBefore).noneMatch(r -> r.contains(token));
    }

    @Test
    void aSignedSubscribeUrlOffTheSnsHostsIsNotVisited() throws Exception {
        ObjectNode message = SnsTestSigner.example("subscription-confirmation.json");
        message.put("SubscribeURL", otherHost.url("/?Action=ConfirmSubscription&Token=x"));

        HttpResponse<String> response = post(signer.sign(message, 2, certUrl(signer)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("untrusted_subscribe_url:");
        assertThat(otherHost.requests()).isEmpty();
    }

    @Test
    void aForgedSubscriptionConfirmationIsNotVisited() throws Exception {
        ObjectNode message = SnsTestSigner.example("subscription-confirmation.json");
        String token = UUID.randomUUID().toString();
        message.put("SubscribeURL", sns.url("/?Action=ConfirmSubscription&Token=" + token));
        SnsTestSigner stranger = SnsTestSigner.create();

        HttpResponse<String> response = post(stranger.sign(message, 2, certUrl(signer)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(sns.requests()).noneMatch(r -> r.contains(token));
    }

    @Test
    void anUnsubscribeConfirmationIsVerifiedAndNotPassedOn() throws Exception {
        double before = receiver.count("mimamori.dropped", INPUT, "unsubscribe_confirmation");

        HttpResponse<String> response = post(signer.sign(SnsTestSigner.example("unsubscribe-confirmation.json"), 2,
                certUrl(signer)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(next.getReceivedExchanges()).isEmpty();
        assertThat(receiver.count("mimamori.dropped", INPUT, "unsubscribe_confirmation")).isEqualTo(before + 1);
    }

    @Test
    void malformedBodiesAreAnswered400AndCounted() throws Exception {
        double before = receiver.count("mimamori.malformed", INPUT, "malformed");
        String valid = SnsTestSigner.json(signer.sign(SnsTestSigner.example("notification.json"), 2, certUrl(signer)));

        assertThat(receiver.post(PATH, "Notification", "{\"Type\": \"Notification\", ").statusCode()).isEqualTo(400);
        assertThat(receiver.post(PATH, "Notification", "[1, 2]").statusCode()).isEqualTo(400);
        assertThat(receiver.post(PATH, "Notification", valid.replace("\"Type\"", "\"Type\" : \"Notification\", "
                + "\"Type\"")).body()).startsWith("malformed:");
        HttpResponse<String> mismatch = receiver.post(PATH, "SubscriptionConfirmation", valid);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("disagrees with Type 'Notification'");
        assertThat(receiver.post(PATH, null, valid).statusCode()).isEqualTo(400);

        assertThat(next.getReceivedExchanges()).isEmpty();
        assertThat(receiver.count("mimamori.malformed", INPUT, "malformed")).isEqualTo(before + 5);
    }

    @Test
    void anOversizedBodyIsAnswered413AndCounted() throws Exception {
        ObjectNode message = SnsTestSigner.example("notification.json");
        message.put("Message", "x".repeat(10_000));
        double before = receiver.count("mimamori.malformed", INPUT, "too_large");

        HttpResponse<String> response = post(signer.sign(message, 2, certUrl(signer)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(next.getReceivedExchanges()).isEmpty();
        assertThat(receiver.count("mimamori.malformed", INPUT, "too_large")).isEqualTo(before + 1);
    }

    @Test
    void aNotificationTheRouteFailsOnIsAnswered500SoSnsDeliversItAgain() throws Exception {
        next.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("outbox unavailable");
        });
        ObjectNode message = signer.sign(SnsTestSigner.example("notification.json"), 2, certUrl(signer));

        HttpResponse<String> response = post(message);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(next.getReceivedExchanges()).hasSize(1);
    }

    @Test
    void onlyPostIsServed() throws Exception {
        assertThat(receiver.get(PATH).statusCode()).isEqualTo(405);
    }

    @Test
    void everyPostIsCountedAsReceived() throws Exception {
        double before = receiver.received(INPUT);

        post(signer.sign(SnsTestSigner.example("notification.json"), 2, certUrl(signer)));
        receiver.post(PATH, "Notification", "not json");

        assertThat(receiver.received(INPUT)).isEqualTo(before + 2);
    }

    @Test
    void theReplyCarriesNoRequestHeaders() throws Exception {
        HttpResponse<String> response = receiver.post(PATH, "Notification", "not json");

        assertThat(response.headers().firstValue("x-amz-sns-message-type")).isEmpty();
        assertThat(response.headers().firstValue(Exchange.CONTENT_TYPE)).hasValue("text/plain; charset=UTF-8");
    }
}
