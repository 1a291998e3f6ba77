package io.mimamori.connector.alertmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Severity;
import io.mimamori.connector.alertmanager.TestAlerts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostedConditionsTest {
    static final Instant SEEN = Instant.parse("2026-11-24T05:10:00Z");
    final PostedConditions conditions = new PostedConditions(new PostableAlertMapper(Duration.ofSeconds(240)), 1000);

    @Test
    void aClearWithAnotherSeverityAlsoResolvesTheLabelsTheProblemFiredWith() {
        Alert firing = TestAlerts.raidDegraded("acme", "db1", Severity.MAJOR, SEEN);
        PostedConditions.Batch fired = conditions.prepare(List.of(firing), SEEN.plusSeconds(1));
        conditions.accepted(fired);

        Instant clearedAt = SEEN.plusSeconds(60);
        Alert clear = TestAlerts.cleared(firing, Severity.INFO, clearedAt);
        PostedConditions.Batch resolving = conditions.prepare(List.of(clear), clearedAt.plusSeconds(1));

        assertThat(resolving.posts()).hasSize(2);
        assertThat(resolving.posts().get(0).labels()).containsEntry("severity", "info");
        PostableAlert pairing = resolving.posts().get(1);
        assertThat(pairing.labels()).isEqualTo(fired.posts().get(0).labels()).containsEntry("severity", "major");
        assertThat(pairing.endsAt()).isEqualTo(clearedAt);
        assertThat(resolving.posts()).allSatisfy(p -> assertThat(p.endsAt()).isEqualTo(clearedAt));

        conditions.accepted(resolving);
        assertThat(conditions.size()).as("a resolved condition is forgotten").isZero();
    }

    @Test
    void anEscalationResolvesTheLabelSetPostedBefore() {
        Alert warning = TestAlerts.raidDegraded("acme", "db1", Severity.WARNING, SEEN);
        conditions.accepted(conditions.prepare(List.of(warning), SEEN));
        Instant now = SEEN.plusSeconds(120);
        Alert critical = TestAlerts.seenAgain(warning, now).toBuilder().severity(Severity.CRITICAL).build();

        List<PostableAlert> posts = conditions.prepare(List.of(critical), now).posts();
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).labels()).containsEntry("severity", "critical");
        assertThat(posts.get(0).endsAt()).isEqualTo(now.plusSeconds(240));
        assertThat(posts.get(1).labels()).containsEntry("severity", "warning");
        assertThat(posts.get(1).endsAt()).as("the warning ends now").isEqualTo(now);
    }

    @Test
    void aResendWithUnchangedLabelsIsOnePost() {
        Alert firing = TestAlerts.raidDegraded("acme", "db1", Severity.MAJOR, SEEN);
        conditions.accepted(conditions.prepare(List.of(firing), SEEN));
        assertThat(conditions.prepare(List.of(TestAlerts.seenAgain(firing, SEEN.plusSeconds(60))), SEEN.plusSeconds(60))
                .posts()).hasSize(1);
    }

    @Test
    void nothingIsRememberedUntilAlertmanagerAccepted() {
        Alert firing = TestAlerts.raidDegraded("acme", "db1", Severity.MAJOR, SEEN);
        conditions.prepare(List.of(firing), SEEN);
        assertThat(conditions.size()).isZero();
        Alert clear = TestAlerts.cleared(firing, Severity.INFO, SEEN.plusSeconds(5));
        assertThat(conditions.prepare(List.of(clear), SEEN.plusSeconds(6)).posts()).hasSize(1);
    }

    @Test
    void withinOneBatchTheLaterAlertSeesTheEarlierOne() {
        Alert warning = TestAlerts.raidDegraded("acme", "db1", Severity.WARNING, SEEN);
        Alert clear = TestAlerts.cleared(warning, Severity.INFO, SEEN.plusSeconds(5));
        List<PostableAlert> posts = conditions.prepare(List.of(warning, clear), SEEN.plusSeconds(6)).posts();
        assertThat(posts).extracting(p -> p.labels().get("severity")).containsExactly("warning", "info", "warning");
    }

    @Test
    void theMemoryIsBounded() {
        PostedConditions small = new PostedConditions(new PostableAlertMapper(Duration.ofSeconds(240)), 3);
        for (int i = 0; i < 10; i++) {
            small.accepted(small.prepare(List.of(TestAlerts.raidDegraded("acme", "db" + i, Severity.MAJOR, SEEN)), SEEN));
        }
        assertThat(small.size()).isEqualTo(3);
    }
}
