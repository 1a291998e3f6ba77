package io.mimamori.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.outbox.Outbox;
import io.mimamori.outbox.OutboxSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline behind direct:ingest on a real Camel context: what reaches the outbox, and when. */
class PipelineTest {
    @TempDir
    Path data;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private CamelContext start() throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("meters", registry);
        Pipeline.install(ctx, new PipelineSettings("acme", "dc1", data, 100,
                new OutboxSettings(true, 1000, Duration.ofHours(1), Duration.ofDays(1), Duration.ofMinutes(1))));
        ctx.start();
        return ctx;
    }

    private static Alert draft(String resource, Status status) {
        return Alert.builder().status(status).severity(Severity.MAJOR).event("nic-link-down").resource(resource)
                .dedupKey("nic/" + resource)
                .source(new AlertSource("test-source", "r1", null, Instant.now(), null)).build();
    }

    /** What the outbox holds, read with plain JDBC from its file, in commit order. */
    private List<Alert> written() throws Exception {
        List<Alert> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Outbox.FILE_NAME));
             ResultSet r = c.createStatement().executeQuery("SELECT json FROM alert ORDER BY seq")) {
            while (r.next()) {
                out.add(AlertJson.fromJson(new String(r.getBytes(1), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    @Test
    void theExchangeCompletesOnlyAfterTheAlertIsInTheOutbox() throws Exception {
        try (CamelContext ctx = start()) {
            ProducerTemplate t = ctx.createProducerTemplate();
            Exchange done = t.send(Ingest.ENDPOINT, e -> e.getMessage().setBody(draft("eth0", Status.FIRING)));
            assertThat(done.getException()).isNull();
            List<Alert> lines = written();
            assertThat(lines).singleElement().satisfies(a -> {
                assertThat(a.tenant()).isEqualTo("acme");
                assertThat(a.site()).isEqualTo("dc1");
                assertThat(a.fingerprint()).hasSize(32);
                assertThat(a.occurrences()).isEqualTo(1);
            });
            assertThat(registry.get("mimamori.alerts.emitted").tag("route", "r1").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void aClearForAConditionThatIsNotFiringIsCountedNotWritten() throws Exception {
        try (CamelContext ctx = start()) {
            ProducerTemplate t = ctx.createProducerTemplate();
            t.sendBody(Ingest.ENDPOINT, draft("eth1", Status.RESOLVED));
            t.sendBody(Ingest.ENDPOINT, draft("eth2", Status.FIRING));
            t.sendBody(Ingest.ENDPOINT, draft("eth2", Status.RESOLVED));
            t.sendBody(Ingest.ENDPOINT, draft("eth2", Status.RESOLVED));
            assertThat(written()).extracting(Alert::resource, Alert::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("eth2", Status.FIRING),
                    org.assertj.core.groups.Tuple.tuple("eth2", Status.RESOLVED));
            assertThat(registry.get("mimamori.dropped").tag("reason", "clear_without_problem").counter().count())
                    .isEqualTo(2);
        }
    }

    @Test
    void firingStateSurvivesARestartSoTheClearStillPasses() throws Exception {
        try (CamelContext ctx = start()) {
            ctx.createProducerTemplate().sendBody(Ingest.ENDPOINT, draft("eth3", Status.FIRING));
        }
        try (CamelContext ctx = start()) {
            ctx.createProducerTemplate().sendBody(Ingest.ENDPOINT, draft("eth3", Status.RESOLVED));
            assertThat(written()).extracting(Alert::status).containsExactly(Status.FIRING, Status.RESOLVED);
            AlertStore store = ctx.getRegistry().lookupByNameAndType(Ingest.STORE_BEAN, AlertStore.class);
            assertThat(store.query(new AlertStore.Query(null, "acme", null, null)))
                    .singleElement().extracting(Alert::status).isEqualTo(Status.RESOLVED);
        }
    }

    @Test
    void aListOfAlertsIsWrittenTogetherAndCounted() throws Exception {
        try (CamelContext ctx = start()) {
            Exchange e = ctx.createProducerTemplate().send(Ingest.ENDPOINT, x -> x.getMessage().setBody(List.of(
                    draft("eth5", Status.FIRING), draft("eth6", Status.RESOLVED), draft("eth7", Status.FIRING))));
            assertThat(e.getException()).isNull();
            assertThat(e.getProperty(Ingest.COMMITTED_PROPERTY, Integer.class)).isEqualTo(2);
            assertThat(written()).extracting(Alert::resource).containsExactly("eth5", "eth7");
        }
    }

    @Test
    void aBodyThatIsNotAnAlertFailsTheExchangeWithAClearMessage() throws Exception {
        try (CamelContext ctx = start()) {
            Exchange e = ctx.createProducerTemplate().send(Ingest.ENDPOINT, x -> x.getMessage().setBody("hello"));
            assertThat(e.getException()).hasMessageContaining("expects an io.mimamori.alert.Alert or a List of them");
        }
    }
}
