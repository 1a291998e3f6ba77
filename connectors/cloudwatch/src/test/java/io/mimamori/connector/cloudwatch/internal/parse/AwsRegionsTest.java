package io.mimamori.connector.cloudwatch.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AwsRegionsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "US East (N. Virginia)|us-east-1",
            "us east (n. virginia)|us-east-1",
            "EU - Ireland|eu-west-1",
            "Europe (Ireland)|eu-west-1",
            "South America (São Paulo)|sa-east-1",
            "South America (Sao Paulo)|sa-east-1",
            "Asia Pacific (Tokyo)|ap-northeast-1",
            "AWS GovCloud (US-West)|us-gov-west-1",
            "China (Ningxia)|cn-northwest-1",
            "ap-southeast-2|ap-southeast-2",
            "Atlantis (Central)|",
    })
    void displayNamesAndCodes(String name, String code) {
        assertThat(AwsRegions.code(name)).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a:b|aws|us-east-1|123456789012|alarm:a:b",
            "arn:aws-cn:cloudwatch:cn-north-1:111122223333:alarm:x|aws-cn|cn-north-1|111122223333|alarm:x",
    })
    void arns(String arn, String partition, String region, String account, String resource) {
        assertThat(AwsRegions.Arn.parse(arn)).isEqualTo(new AwsRegions.Arn(partition, "cloudwatch", region, account, resource));
    }
}
