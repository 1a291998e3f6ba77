package io.mimamori.connector.cloudwatch.internal.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqsClientsTest {
    static SqsClients.Access access(String queue, String region) {
        return new SqsClients.Access(queue, region, null, null, null, null, 3, 20);
    }

    @Test
    void regionComesFromTheParameterElseTheQueueUrl() {
        assertThat(SqsClients.region(access("https://sqs.ap-northeast-1.amazonaws.com/123456789012/alarms", null)))
                .isEqualTo("ap-northeast-1");
        assertThat(SqsClients.region(access("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/alarms", "")))
                .isEqualTo("cn-north-1");
        assertThat(SqsClients.region(access("https://sqs.ap-northeast-1.amazonaws.com/1/a", "eu-west-1")))
                .isEqualTo("eu-west-1");
        assertThat(SqsClients.region(access("alarms", null))).isNull();
        assertThat(SqsClients.region(access("http://127.0.0.1:9324/000000000000/alarms", null))).isNull();
    }

    @Test
    void queueUrlOrName() {
        assertThat(SqsClients.isUrl(" https://sqs.us-east-1.amazonaws.com/1/a")).isTrue();
        assertThat(SqsClients.isUrl("alarms")).isFalse();
    }

    @Test
    void halfAStaticKeyIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> SqsClients.build(new SqsClients.Access("alarms", "us-east-1", null, null, "AKIAEXAMPLE",
                "", 3, 20))).hasMessage("accessKey and secretKey go together: set both, or neither to use the default "
                + "credentials chain or a profile");
    }
}
