package io.mimamori.connector.cloudwatch.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicAllowListTest {

    @Test
    void exactArnsAndWildcardsMatchWholeArns() {
        TopicAllowList list = TopicAllowList.parse(
                "arn:aws:sns:us-east-1:123456789012:ops-alarms, arn:aws:sns:*:210987654321:alarms-*");

        assertThat(list.allows("arn:aws:sns:us-east-1:123456789012:ops-alarms")).isTrue();
        assertThat(list.allows("arn:aws:sns:us-east-1:123456789012:ops-alarms-2")).isFalse();
        assertThat(list.allows("arn:aws:sns:us-west-2:123456789012:ops-alarms")).isFalse();
        assertThat(list.allows("arn:aws:sns:eu-west-1:210987654321:alarms-db")).isTrue();
        assertThat(list.allows("arn:aws:sns:eu-west-1:999999999999:alarms-db")).isFalse();
    }

    @Test
    void regexCharactersInArnsAreLiteral() {
        TopicAllowList list = TopicAllowList.parse("arn:aws:sns:us-east-1:123456789012:a.b");

        assertThat(list.allows("arn:aws:sns:us-east-1:123456789012:a.b")).isTrue();
        assertThat(list.allows("arn:aws:sns:us-east-1:123456789012:axb")).isFalse();
    }

    @Test
    void anEmptyListOrANonArnIsRefusedAtStartUp() {
        assertThatThrownBy(() -> TopicAllowList.parse(" , ")).hasMessageStartingWith("allowedTopicArns is empty");
        assertThatThrownBy(() -> TopicAllowList.parse("ops-alarms")).hasMessageContaining("is not a topic ARN");
    }
}
