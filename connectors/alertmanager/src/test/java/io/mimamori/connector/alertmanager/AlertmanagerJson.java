package io.mimamori.connector.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading Alertmanager's answers in tests. */
final class AlertmanagerJson {
    private AlertmanagerJson() {
    }

    /** A JSON object of strings (labels, annotations) as a map. */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> m = new LinkedHashMap<>();
        object.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }
}
