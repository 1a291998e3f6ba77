package io.mimamori.connector.cloudwatch.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** Which names a signing certificate must carry, for SNS's own regions and for configured names. */
class SigningCertNamesTest {
    private static final SigningCertNames AWS = SigningCertNames.parse("aws");

    @Test
    void awsExpectsTheNameSnsSignsWithInEachKindOfRegion() {
        // the names AWS's SDKs expect (aws-sdk-java-v2 sns-message-manager SnsHostProvider)
        assertThat(AWS.expected("us-east-1")).contains("sns.amazonaws.com");
        assertThat(AWS.expected("ap-northeast-1")).contains("sns.amazonaws.com");
        assertThat(AWS.expected("ap-east-1")).contains("sns-signing.ap-east-1.amazonaws.com");
        assertThat(AWS.expected("il-central-1")).contains("sns-signing.il-central-1.amazonaws.com");
        assertThat(AWS.expected("cn-north-1")).contains("sns-cn-north-1.amazonaws.com.cn")
                .doesNotContain("sns.amazonaws.com");
        assertThat(AWS.expected("cn-northwest-1")).contains("sns-cn-northwest-1.amazonaws.com.cn");
        assertThat(AWS.expected("us-gov-west-1")).contains("sns-us-gov-west-1.amazonaws.com");
        assertThat(AWS.expected("us-gov-east-1")).contains("sns-us-gov-west-1.amazonaws.com");
        // the region's own SNS host
        assertThat(AWS.expected("eu-west-1")).contains("sns.eu-west-1.amazonaws.com");
        assertThat(AWS.expected("cn-north-1")).contains("sns.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void awsNamesStayInsideTheTopicsRegionAndPartition() {
        assertThat(AWS.expected("us-west-2")).containsExactly("sns.amazonaws.com",
                "sns-signing.us-west-2.amazonaws.com", "sns-us-west-2.amazonaws.com", "sns.us-west-2.amazonaws.com");
        assertThat(AWS.expected("us-west-2")).doesNotContain("sns-signing.ap-east-1.amazonaws.com",
                "sns-cn-north-1.amazonaws.com.cn", "sns-us-gov-west-1.amazonaws.com");
        assertThat(AWS.expected(null)).containsExactly("sns.amazonaws.com");
        assertThat(AWS.expected("not a region")).containsExactly("sns.amazonaws.com");
    }

    @Test
    void configuredNamesReplaceOrExtendAwsAndTakeTheRegion() {
        assertThat(SigningCertNames.parse("SNS.Test.Example").expected("us-east-1")).containsExactly("sns.test.example");
        assertThat(SigningCertNames.parse("aws, sns-local.{region}.example.internal").expected("eu-west-1"))
                .contains("sns.amazonaws.com", "sns-local.eu-west-1.example.internal");
        assertThat(SigningCertNames.parse("sns-local.{region}.example.internal").expected(null)).isEmpty();
    }

    @Test
    void aNameThatIsNoHostNameNamesTheParameter() {
        for (String bad : new String[] {"", " , ", "*.amazonaws.com", "sns.{regoin}.example", "localhost", "a b.example"}) {
            assertThatThrownBy(() -> SigningCertNames.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("signingCertName");
        }
    }

    @Test
    void theRegionComesFromTheTopicArn() {
        assertThat(SigningCertNames.regionOf("arn:aws:sns:ap-east-1:123456789012:alarms")).isEqualTo("ap-east-1");
        assertThat(SigningCertNames.regionOf("arn:aws-cn:sns:cn-north-1:123456789012:a:b")).isEqualTo("cn-north-1");
        assertThat(SigningCertNames.regionOf("not-an-arn")).isNull();
    }

    @Test
    void aCertificatesNamesAreItsDnsAltNamesElseItsCommonNames() throws Exception {
        assertThat(SigningCertNames.of(certificate(SnsTestSigner.issuedFor("CN=SNS.amazonaws.com,O=Amazon"))))
                .containsExactly("sns.amazonaws.com");
        assertThat(SigningCertNames.of(certificate(SnsTestSigner.issuedFor("CN=sns.amazonaws.com",
                "a.example", "b.example")))).containsExactly("a.example", "b.example");
        assertThat(SigningCertNames.of(certificate(SnsTestSigner.issuedFor("O=Amazon")))).isEmpty();
    }

    private static X509Certificate certificate(SnsTestSigner signer) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(signer.pem()));
    }
}
