package io.mimamori.spi;

import io.mimamori.config.ConfigException;
import io.mimamori.config.YamlTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A connector described by the kamelet it ships as {@code kamelets/<name>.kamelet.yaml}: the
 * parameters are read from the kamelet's {@code spec.definition}, so they are declared once.
 */
public abstract class KameletConnector implements Connector {
    private final String name;
    private final Kind kind;
    private final String description;
    private final List<ParameterSpec> parameters;

    protected KameletConnector(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
        String resource = "kamelets/" + name + ".kamelet.yaml";
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("connector " + name + " ships no " + resource);
            }
            YamlTree.Node root = YamlTree.parse(resource, new InputStreamReader(in, StandardCharsets.UTF_8));
            YamlTree.Node definition = root.get("spec") == null ? null : root.get("spec").get("definition");
            if (definition == null) {
                throw new IllegalStateException(resource + " has no spec.definition");
            }
            this.description = firstLine(definition.text("description"));
            this.parameters = readParameters(definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static List<ParameterSpec> readParameters(YamlTree.Node definition) {
        Set<String> required = new HashSet<>();
        YamlTree.Node req = definition.get("required");
        if (req != null) {
            for (YamlTree.Node r : req.items()) {
                required.add(r.text());
            }
        }
        List<ParameterSpec> out = new ArrayList<>();
        YamlTree.Node props = definition.get("properties");
        if (props == null) {
            return List.of();
        }
        for (Map.Entry<String, YamlTree.Node> e : props.entries().entrySet()) {
            YamlTree.Node p = e.getValue();
            List<String> allowed = new ArrayList<>();
            if (p.get("enum") != null) {
                for (YamlTree.Node v : p.get("enum").items()) {
                    allowed.add(v.text());
                }
            }
            out.add(new ParameterSpec(e.getKey(), p.text("title"), p.text("description"),
                    p.text("type") == null ? "string" : p.text("type"), required.contains(e.getKey()),
                    p.text("default"), allowed, "password".equals(p.text("format")),
                    number(p.text("minimum")), number(p.text("maximum"))));
        }
        return List.copyOf(out);
    }

    private static Long number(String s) {
        return s == null ? null : Long.valueOf(s);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String version() {
        String v = getClass().getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public Health health() {
        return Health.unknown();
    }
}
