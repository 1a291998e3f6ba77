package io.mimamori.ruletest;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.RuleTestDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A source whose "rules" are the event names in {@code events.txt} of the rules directory and
 * whose input is {@code line: 'firing|resolved EVENT RESOURCE [timeout=SECONDS]'}; a line for an
 * event not listed makes no alert.
 */
final class FakeDecoder implements RuleTestDecoder {
    final List<Path> loadedFrom = new ArrayList<>();

    @Override
    public String inputKey() {
        return "line";
    }

    @Override
    public List<String> inputOptions() {
        return List.of("origin");
    }

    @Override
    public List<String> fields() {
        return List.of("rule");
    }

    @Override
    public Rules load(Path rulesDir) {
        loadedFrom.add(rulesDir);
        List<String> events;
        try {
            events = Files.readAllLines(rulesDir.resolve("events.txt"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(rulesDir.resolve("events.txt").toString(), 0, "cannot read"));
        }
        return (holder, receivedAt) -> {
            String[] words = holder.text("line").split(" ");
            if (words.length < 3) {
                throw new IllegalArgumentException("line: expected 'firing|resolved EVENT RESOURCE'");
            }
            if (!events.contains(words[1])) {
                return new Decoded(List.of(), "no rule matched", Map.of());
            }
            Alert.Builder draft = Alert.builder().status(Status.parse(words[0])).severity(Severity.MAJOR)
                    .layer(Layer.HARDWARE).event(words[1]).resource(words[2])
                    .dedupKey(words[1] + "/" + words[2]).summary(words[1] + " on " + words[2])
                    .label("origin", holder.text("origin") == null ? "test" : holder.text("origin"))
                    .source(new AlertSource("fake-source", "fake", null, receivedAt, null));
            if (words.length > 3) {
                draft.timeoutSeconds(Integer.parseInt(words[3].substring("timeout=".length())));
            }
            return new Decoded(List.of(draft.build()), "rule " + words[1], Map.of("rule", words[1]));
        };
    }
}
