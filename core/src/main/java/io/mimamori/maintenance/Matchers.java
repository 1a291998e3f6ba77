package io.mimamori.maintenance;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Layer;
import io.mimamori.config.Glob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which alerts of its tenant a window silences. Every condition given must match; a window
 * without conditions silences the whole tenant. Resource, host, event and label values are
 * exact texts or globs ({@code *}, {@code ?}); an alert without the field does not match.
 */
public final class Matchers {
    static final Matchers NONE = new Matchers(null, null, null, null, Map.of());

    private final Glob resource;
    private final Glob host;
    private final Glob event;
    private final Layer layer;
    private final Map<String, Glob> labels;

    Matchers(Glob resource, Glob host, Glob event, Layer layer, Map<String, Glob> labels) {
        this.resource = resource;
        this.host = host;
        this.event = event;
        this.layer = layer;
        this.labels = Map.copyOf(labels);
    }

    /** True when the window has no condition and so covers every alert of its tenant. */
    public boolean isEmpty() {
        return resource == null && host == null && event == null && layer == null && labels.isEmpty();
    }

    boolean matches(Alert alert) {
        if ((resource != null && !resource.matches(alert.resource()))
                || (host != null && !host.matches(alert.host()))
                || (event != null && !event.matches(alert.event()))
                || (layer != null && layer != alert.layer())) {
            return false;
        }
        return labels.entrySet().stream().allMatch(e -> e.getValue().matches(alert.labels().get(e.getKey())));
    }

    /** The conditions as they were written, in a stable order, for the API and logs. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (resource != null) {
            out.put("resource", resource.toString());
        }
        if (host != null) {
            out.put("host", host.toString());
        }
        if (event != null) {
            out.put("event", event.toString());
        }
        if (layer != null) {
            out.put("layer", layer.wire());
        }
        if (!labels.isEmpty()) {
            Map<String, String> l = new TreeMap<>();
            labels.forEach((k, v) -> l.put(k, v.toString()));
            out.put("labels", l);
        }
        return out;
    }

    @Override
    public String toString() {
        return isEmpty() ? "the whole tenant" : describe().toString();
    }
}
