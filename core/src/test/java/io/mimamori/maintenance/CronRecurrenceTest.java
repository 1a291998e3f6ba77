package io.mimamori.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The start times enumerated from a cron expression agree with cron-utils' own execution times. */
class CronRecurrenceTest {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final LocalDateTime FROM = LocalDateTime.of(2026, 1, 30, 13, 7, 30);

    @ParameterizedTest
    @ValueSource(strings = {"0 2 * * 0", "0 2 * * 7", "30 1 * * 1-5", "*/15 1,3-5 * JAN-MAR,6 MON-FRI",
            "5/20 0 1-10/3 * *", "0 0 1 * 0", "0 0 13 * 5", "0 12 */2 * *", "0 0 29 2 *", "59 23 31 * *",
            "* * * * *", "0 0 1 1 *", "0 0 */2 * 1"})
    void agreesWithCronUtils(String expression) {
        ExecutionTime reference = ExecutionTime.forCron(UNIX.parse(expression));
        List<LocalDateTime> expected = new ArrayList<>();
        ZonedDateTime t = FROM.atZone(ZoneOffset.UTC);
        for (int i = 0; i < 40; i++) {
            t = reference.nextExecution(t).orElseThrow();
            expected.add(t.toLocalDateTime());
        }
        List<LocalDateTime> actual = new ArrayList<>();
        for (Iterator<LocalDateTime> it = CronRecurrence.parse(expression).startsFrom(FROM); actual.size() < 40; ) {
            actual.add(it.next());
        }
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 30 2 *", "0 0 31 4,6,9,11 *"})
    void anExpressionThatNeverFiresIsRefused(String expression) {
        assertThatThrownBy(() -> CronRecurrence.parse(expression))
                .hasMessage("'" + expression + "' never fires: check the day and month fields");
    }
}
