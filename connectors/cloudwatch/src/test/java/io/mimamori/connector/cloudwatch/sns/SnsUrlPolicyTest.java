package io.mimamori.connector.cloudwatch.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which URLs a message may make the receiver fetch, with the default SNS host patterns. */
class SnsUrlPolicyTest {
    private final SnsUrlPolicy policy = new SnsUrlPolicy(SnsUrlPolicy.DEFAULT_HOSTS);

    @ParameterizedTest
    @ValueSource(strings = {
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
        "https://sns.ap-northeast-1.amazonaws.com/SimpleNotificationService-01d088a6f77103d0fe307c0069e40ed6.pem",
        "https://SNS.US-WEST-2.AMAZONAWS.COM/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem",
        "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-3250158c6506d40628a8b2ab8f8a5b2e.pem",
        "https://sns.eu-west-1.amazonaws.com:443/SimpleNotificationService-a86cb10b4e1f29c941702d737128f7b6.pem",
    })
    void snsCertificateUrlsAreTrusted(String url) throws Exception {
        assertThat(policy.signingCertificate(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem",
        "https://sns.us-east-1.amazonaws.com.attacker.example/SimpleNotificationService-x.pem",
        "https://sns.us-east-1.amazonaws.com@attacker.example/SimpleNotificationService-x.pem",
        "https://attacker@sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem",
        "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-x.pem",
        "https://s3.amazonaws.com/bucket/SimpleNotificationService-x.pem",
        "https://evil.sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.txt",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem?redirect=https://attacker.example",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem#frag",
        "file:///etc/passwd.pem",
        "//sns.us-east-1.amazonaws.com/x.pem",
        "https://sns.us-east-1.amazonaws.com/a b.pem",
    })
    void otherCertificateUrlsAreNot(String url) {
        assertThatThrownBy(() -> policy.signingCertificate(url)).isInstanceOfSatisfying(SnsRejection.class,
                r -> assertThat(r.reason()).isEqualTo(SnsRejection.Reason.UNTRUSTED_CERT_URL));
    }

    @Test
    void aSubscribeUrlNeedsAnSnsHostButNoPemFile() throws Exception {
        String url = "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn="
                + "arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37";
        assertThat(policy.subscribeUrl(url).getHost()).isEqualTo("sns.us-west-2.amazonaws.com");
        assertThatThrownBy(() -> policy.subscribeUrl(url.replace("https:", "http:")))
                .isInstanceOfSatisfying(SnsRejection.class,
                        r -> assertThat(r.reason()).isEqualTo(SnsRejection.Reason.UNTRUSTED_SUBSCRIBE_URL));
    }

    @Test
    void aPatternWithAPortAllowsExactlyThatPort() throws Exception {
        SnsUrlPolicy local = new SnsUrlPolicy("127.0.0.1:8443");
        assertThat(local.signingCertificate("https://127.0.0.1:8443/c.pem")).isNotNull();
        assertThatThrownBy(() -> local.signingCertificate("https://127.0.0.1/c.pem")).isInstanceOf(SnsRejection.class);
        assertThatThrownBy(() -> local.signingCertificate("https://127.0.0.1:8444/c.pem"))
                .isInstanceOf(SnsRejection.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , ", "*.amazonaws.com", "sns.*.amazonaws.com/path", "https://sns.*.amazonaws.com",
        "sns.(.*).amazonaws.com"})
    void patternsThatAreNotHostNamesAreRefusedAtStartUp(String pattern) {
        assertThatThrownBy(() -> new SnsUrlPolicy(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signingCertHostPattern");
    }
}
