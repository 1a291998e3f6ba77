package io.mimamori.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The hand-written JSON writer must produce exactly what the mapper's annotations describe. */
class AlertJsonTest {
    @Test
    void everyFieldIsWrittenAsTheMapperWouldWriteIt() {
        Alert full = AlertSchemaTest.fullAlert();
        assertThat(new String(AlertJson.toBytes(full), StandardCharsets.UTF_8))
                .isEqualTo(new String(AlertJson.toBytesByMapper(full), StandardCharsets.UTF_8));
    }

    @Test
    void emptyAndNullFieldsAreLeftOutAsTheMapperDoes() {
        Alert sparse = Alert.builder().status(Status.RESOLVED).severity(Severity.INFO).event("linkUp")
                .resource("").source(new AlertSource("x", null, null, Instant.ofEpochSecond(1, 5), null)).build();
        assertThat(new String(AlertJson.toBytes(sparse), StandardCharsets.UTF_8))
                .isEqualTo(new String(AlertJson.toBytesByMapper(sparse), StandardCharsets.UTF_8))
                .doesNotContain("resource").doesNotContain("occurrences");
    }

    @Test
    void textNeedingEscapesSurvivesTheRoundTrip() {
        Alert a = AlertSchemaTest.fullAlert().toBuilder()
                .summary("quote \" backslash \\ newline \n tab \t control \u0001 emoji \ud83d\udd25 \u65e5\u672c").build();
        assertThat(AlertJson.fromJson(AlertJson.toJson(a))).isEqualTo(a);
    }
}
