package io.mimamori.connector.snmp.internal.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentClocksTest {
    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void notificationsAreOrderedByTheAgentsUptimeWhateverOrderTheyArrivedIn() {
        AgentClocks clocks = new AgentClocks();
        // the clear (uptime 50.00 s) arrives first, the problem (uptime 40.00 s) 3 s later
        Instant clear = clocks.sentAt("acme", "10.0.0.5", 5000, T0);
        Instant problem = clocks.sentAt("acme", "10.0.0.5", 4000, T0.plusSeconds(3));
        assertThat(clear).isEqualTo(T0);
        assertThat(problem).isEqualTo(T0.minusSeconds(10));
        assertThat(problem).isBefore(clear);
    }

    @Test
    void theMessageWithTheLeastDelayGivesTheEstimateAndASendTimeIsNeverAfterItsArrival() {
        AgentClocks clocks = new AgentClocks();
        assertThat(clocks.sentAt(null, "10.0.0.5", 1000, T0.plusMillis(400))).isEqualTo(T0.plusMillis(400));
        // sent 1 s later by the agent's clock, with 300 ms less delay: the boot estimate moves back
        Instant faster = clocks.sentAt(null, "10.0.0.5", 1100, T0.plusMillis(1100));
        assertThat(faster).isEqualTo(T0.plusMillis(1100));
        // 1 s later again, with 400 ms more delay: the estimate stays, the send time is 1 s later
        Instant later = clocks.sentAt(null, "10.0.0.5", 1200, T0.plusMillis(2500));
        assertThat(later).isEqualTo(T0.plusMillis(2100)).isBefore(T0.plusMillis(2500));
    }

    @Test
    void aRebootOrAWrappedUptimeRestartsTheEstimate() {
        AgentClocks clocks = new AgentClocks();
        clocks.sentAt("acme", "10.0.0.5", 360_000_000L, T0);   // up for 41 days
        Instant afterReboot = clocks.sentAt("acme", "10.0.0.5", 3000, T0.plusSeconds(60));
        assertThat(afterReboot).isEqualTo(T0.plusSeconds(60));
        // a late message within the resync bound keeps the estimate
        Instant late = clocks.sentAt("acme", "10.0.0.5", 3100, T0.plusSeconds(75));
        assertThat(late).isEqualTo(T0.plusSeconds(61));
        Instant tooLate = clocks.sentAt("acme", "10.0.0.5", 3200,
                T0.plusSeconds(62).plusMillis(AgentClocks.RESYNC_MILLIS + 1));
        assertThat(tooLate).isEqualTo(T0.plusSeconds(62).plusMillis(AgentClocks.RESYNC_MILLIS + 1));
    }

    @Test
    void agentsAreKeptApartPerTenantAndWithoutUptimeThereIsNoSendTime() {
        AgentClocks clocks = new AgentClocks();
        clocks.sentAt("acme", "10.0.0.5", 100_000, T0);
        // the same private address at another customer, booted at another time
        assertThat(clocks.sentAt("globex", "10.0.0.5", 200, T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(1));
        assertThat(clocks.sentAt("acme", "10.0.0.5", 100_100, T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(1));
        assertThat(clocks.sentAt("acme", "10.0.0.5", -1, T0)).isNull();
    }
}
