package io.mimamori.connector.cloudwatch.internal.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {
    @TempDir
    Path dir;

    static Quarantine.Entry entry(String id) {
        return new Quarantine.Entry("https://sqs.eu-west-1.amazonaws.com/123456789012/alarms", id,
                Instant.parse("2026-02-03T04:05:06Z"), "malformed_json", "message body is not JSON", "{\"Alarm");
    }

    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("q"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void oneReadableFilePerMessageWithEverythingNeededToReplayIt() throws Exception {
        Quarantine q = new Quarantine(dir.resolve("q"), 10);
        assertThat(q.keep(entry("0d9a/../x y"))).isEqualTo(Quarantine.Outcome.WRITTEN);
        List<Path> files = files();
        assertThat(files).singleElement().satisfies(f ->
                assertThat(f.getFileName().toString()).isEqualTo("1770091506000-0d9a_.._x_y.json"));
        JsonNode doc = new ObjectMapper().readTree(files.get(0).toFile());
        assertThat(doc.get("queue").asText()).endsWith("/alarms");
        assertThat(doc.get("messageId").asText()).isEqualTo("0d9a/../x y");
        assertThat(doc.get("receivedAt").asText()).isEqualTo("2026-02-03T04:05:06Z");
        assertThat(doc.get("reason").asText()).isEqualTo("malformed_json");
        assertThat(doc.get("error").asText()).isEqualTo("message body is not JSON");
        assertThat(doc.get("body").asText()).isEqualTo("{\"Alarm");
    }

    @Test
    void fullAfterMaxFilesCountingThoseAlreadyThere() throws Exception {
        Quarantine q = new Quarantine(dir.resolve("q"), 2);
        q.keep(entry("a"));
        Quarantine reopened = new Quarantine(dir.resolve("q"), 2);
        assertThat(reopened.keep(entry("b"))).isEqualTo(Quarantine.Outcome.WRITTEN);
        assertThat(reopened.keep(entry("c"))).isEqualTo(Quarantine.Outcome.FULL);
        assertThat(files()).hasSize(2);
    }

    @Test
    void aWriteThatFailsSaysSoInsteadOfPretending() throws Exception {
        Quarantine q = new Quarantine(dir.resolve("q"), 10);
        Files.delete(dir.resolve("q"));
        Files.writeString(dir.resolve("q"), "now a file, not a directory");
        assertThatThrownBy(() -> q.keep(entry("a"))).isInstanceOf(IOException.class);
    }
}
