package io.mimamori.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.outbox.OutboxConsumer;
import io.mimamori.outbox.SinkDelivery;
import io.mimamori.spi.DeliveryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-sink kamelet on a real Camel context, the way a delivery route calls it. */
class FileSinkTest {
    @TempDir
    Path dir;

    private static Alert alert(String resource) {
        return Alert.builder().tenant("acme").status(Status.FIRING).severity(Severity.MAJOR).event("disk-io-error")
                .resource(resource).dedupKey("disk/" + resource).fingerprint("0123456789abcdef0123456789abcdef")
                .summary("I/O error on " + resource)
                .source(new AlertSource("syslog-source", "syslog", "10.0.0.5", Instant.parse("2026-12-03T10:00:00Z"), null))
                .build();
    }

    private CamelContext context(Path file) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deliver").to("kamelet:file-sink?path=" + file);
            }
        });
        ctx.start();
        return ctx;
    }

    @Test
    void eachAlertBecomesOneJsonLineAndListsAreWrittenInOrder() throws Exception {
        Path file = dir.resolve("sub/alerts.jsonl");
        try (CamelContext ctx = context(file)) {
            var t = ctx.createProducerTemplate();
            t.sendBody("direct:deliver", alert("sda"));
            t.sendBody("direct:deliver", List.of(alert("sdb"), alert("sdc")));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.stream().map(AlertJson::fromJson).map(Alert::resource)).containsExactly("sda", "sdb", "sdc");
        assertThat(lines.get(0)).isEqualTo(AlertJson.toJson(alert("sda")));
    }

    @Test
    void theCommittedJsonFromTheOutboxIsWrittenByteForByte() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        byte[] committed = "{\"schema\":\"mimamori.alert/v1\",\"note\":\"exactly as committed\"}".getBytes(StandardCharsets.UTF_8);
        try (CamelContext ctx = context(file)) {
            ctx.createProducerTemplate().send("direct:deliver", e -> {
                e.getMessage().setBody(alert("sda"));
                e.setProperty(OutboxConsumer.JSON_PROPERTY, committed);
            });
        }
        assertThat(Files.readString(file)).isEqualTo(new String(committed, StandardCharsets.UTF_8) + "\n");
    }

    @Test
    void aBodyThatIsNotAnAlertIsRejectedForGood() throws Exception {
        try (CamelContext ctx = context(dir.resolve("alerts.jsonl"))) {
            Exchange e = ctx.createProducerTemplate().send("direct:deliver", x -> x.getMessage().setBody("hello"));
            DeliveryException d = SinkDelivery.find(e.getException());
            assertThat(d).isNotNull();
            assertThat(d.verdict()).isEqualTo(DeliveryException.Verdict.REJECTED);
            assertThat(d.getMessage()).contains("expects an io.mimamori.alert.Alert");
        }
    }

    @Test
    void validationNamesADirectoryPathAndAMissingPath() throws Exception {
        FileSinkConnector c = new FileSinkConnector();
        assertThat(c.checkUse(Map.of("path", dir.toString()))).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("file-sink path is a directory"));
        assertThat(c.checkUse(Map.of())).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("path is required"));
        assertThat(c.checkUse(Map.of("path", dir.resolve("alerts.jsonl").toString()))).isEmpty();
        assertThat(c.parameters()).extracting(p -> p.name()).containsExactly("path", "fsync");
    }
}
