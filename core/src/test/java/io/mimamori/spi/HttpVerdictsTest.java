package io.mimamori.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HttpVerdictsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T05:10:00Z");

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void twoHundredsAreAccepted(int status) {
        assertThatCode(() -> HttpVerdicts.check("API", status, "30", "ignored", NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"408, RETRY", "429, RETRY", "500, RETRY", "502, RETRY", "503, RETRY", "599, RETRY",
            "300, REJECTED", "302, REJECTED", "400, REJECTED", "401, REJECTED", "403, REJECTED", "404, REJECTED",
            "409, REJECTED", "413, REJECTED", "422, REJECTED", "199, REJECTED"})
    void everyOtherStatusIsRetriedOrRejected(int status, DeliveryException.Verdict verdict) {
        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> HttpVerdicts.check("Example API", status, "7", "{\"error\":\"nope\"}", NOW));
        assertThat(e.verdict()).isEqualTo(verdict);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.getMessage()).isEqualTo("Example API answered HTTP " + status + ": {\"error\":\"nope\"}");
        assertThat(e.retryAfter()).isEqualTo(verdict == DeliveryException.Verdict.RETRY
                ? java.util.Optional.of(Duration.ofSeconds(7)) : java.util.Optional.empty());
    }

    @Test
    void reasonsKeepOneLineOfAtMost512CharactersOfTheBody() {
        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> HttpVerdicts.check("API", 400, null, "  line one\n\tline two  " + "x".repeat(1000), NOW));
        assertThat(e.getMessage()).startsWith("API answered HTTP 400: line one line two xxx")
                .hasSize("API answered HTTP 400: ".length() + 512 + 1).endsWith("x\u2026");
        DeliveryException empty = catchThrowableOfType(DeliveryException.class, () -> HttpVerdicts.check("API", 500, null, " ", NOW));
        assertThat(empty.getMessage()).isEqualTo("API answered HTTP 500");
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(HttpVerdicts.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(HttpVerdicts.parseRetryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(HttpVerdicts.parseRetryAfter("Tue, 24 Nov 2026 05:11:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(HttpVerdicts.parseRetryAfter("Tue, 24 Nov 2026 05:00:00 GMT", NOW)).as("in the past").isEqualTo(Duration.ZERO);
        assertThat(HttpVerdicts.parseRetryAfter("-5", NOW)).isEqualTo(Duration.ZERO);
        assertThat(HttpVerdicts.parseRetryAfter("86400", NOW)).as("capped").isEqualTo(Duration.ofHours(1));
        assertThat(HttpVerdicts.parseRetryAfter("soon", NOW)).isNull();
        assertThat(HttpVerdicts.parseRetryAfter("", NOW)).isNull();
        assertThat(HttpVerdicts.parseRetryAfter(null, NOW)).isNull();
    }
}
