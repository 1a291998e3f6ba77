package io.mimamori.connector.file;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.Health;
import io.mimamori.spi.KameletConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The file sink as the hub sees it: kamelet {@code file-sink}. */
public final class FileSinkConnector extends KameletConnector {
    public FileSinkConnector() {
        super("file-sink", Kind.SINK);
    }

    @Override
    public Health health() {
        return Health.unknown();
    }

    @Override
    public List<ConfigProblem> checkUse(Map<String, String> p) {
        String path = p.get("path");
        if (path == null || path.isBlank()) {
            return List.of(new ConfigProblem("file-sink", 0, "path is required: the JSON lines file to append to"));
        }
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
            return List.of(new ConfigProblem(path, 0, "file-sink path is a directory: name a file in it, e.g. "
                    + file.resolve("alerts.jsonl")));
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            return List.of(new ConfigProblem(path, 0, "file-sink cannot write to this file: fix its permissions"));
        }
        return List.of();
    }
}
