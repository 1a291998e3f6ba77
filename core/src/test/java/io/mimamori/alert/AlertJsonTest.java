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

    @Test
    void timestampsAreWrittenExactlyAsInstantPrintsThem() {
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 100_000; i++) {
            long seconds = r.nextLong(-62_000_000_000L, 300_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1_000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nano);
            assertThat(AlertJson.iso(t)).isEqualTo(t.toString());
        }
    }
}
