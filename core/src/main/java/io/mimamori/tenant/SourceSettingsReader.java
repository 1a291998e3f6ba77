package io.mimamori.tenant;

import io.mimamori.config.YamlTree;
import io.mimamori.spi.TenantSourceSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Reads a tenant's {@code sources:}: one section per connector that takes per-tenant settings,
 * each a map of single values that the connector's {@link TenantSourceSettings} checks. The
 * values are kept as text; only the connector knows what they mean.
 */
final class SourceSettingsReader {
    private final FieldReader fields;
    private final Map<String, TenantSourceSettings> sections = new LinkedHashMap<>();

    SourceSettingsReader(FieldReader fields, Collection<TenantSourceSettings> sections) {
        this.fields = fields;
        sections.forEach(s -> this.sections.putIfAbsent(s.section(), s));
    }

    /** The sections of the connector modules on the class path. */
    static List<TenantSourceSettings> installed() {
        List<TenantSourceSettings> found = new ArrayList<>();
        ServiceLoader.load(TenantSourceSettings.class).forEach(found::add);
        return found;
    }

    /**
     * Reads a tenant's {@code sources:}.
     *
     * @param where the tenant in words, for messages
     * @return section name to its values (key to text), in file order; empty when none is given
     */
    Map<String, Map<String, String>> read(YamlTree.Node node, String where) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (node == null || node.isEmpty()) {
            return out;
        }
        if (!node.isMap()) {
            fields.add(node, "sources must be a map of connector sections, e.g. 'cloudwatch: { defaultSeverity: minor }'"
                    + known());
            return out;
        }
        if (sections.isEmpty()) {
            node.entries().keySet().forEach(name -> fields.addAtKey(node, name, "sources: no installed connector"
                    + " reads per-tenant settings, so '" + name + "' has no effect: remove it, or install the"
                    + " connector that reads it in the distribution's lib/"));
            return out;
        }
        fields.checkKeys(node, List.copyOf(sections.keySet()), "the sources of " + where);
        node.entries().forEach((name, section) -> {
            TenantSourceSettings settings = sections.get(name);
            if (settings != null) {
                Map<String, String> values = section(settings, section, where);
                if (!values.isEmpty()) {
                    out.put(name, values);
                }
            }
        });
        return out;
    }

    private Map<String, String> section(TenantSourceSettings settings, YamlTree.Node node, String where) {
        Map<String, String> values = new LinkedHashMap<>();
        String name = settings.section();
        if (node.isEmpty()) {
            return values;
        }
        if (!node.isMap()) {
            fields.add(node, "sources." + name + " of " + where + " must be a map of " + String.join(", ",
                    settings.keys()));
            return values;
        }
        fields.checkKeys(node, settings.keys(), "sources." + name);
        node.entries().forEach((key, value) -> {
            if (!settings.keys().contains(key)) {
                return;
            }
            String text = fields.scalar(value, "sources." + name + "." + key);
            if (text == null) {
                return;
            }
            String wrong = settings.check(key, text);
            if (wrong != null) {
                fields.add(value, "sources." + name + "." + key + " of " + where + ": " + wrong);
                return;
            }
            values.put(key, text);
        });
        return values;
    }

    private String known() {
        return sections.isEmpty() ? "" : "; known sections: " + String.join(", ", sections.keySet());
    }
}
