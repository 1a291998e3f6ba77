package io.mimamori.hub;

import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.tenant.DeliverySinks;
import io.mimamori.tenant.TenantDirectory;
import java.time.Clock;
import io.mimamori.config.YamlTree;
import io.mimamori.spi.Connector;
import io.mimamori.spi.ParameterSpec;
import io.mimamori.spi.TenantKeyedSink;
import java.io.IOException;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What {@code mimamori validate} checks and {@code mimamori run} checks before it starts:
 * the properties, every route file, every use of a connector in them (names, parameters and
 * whatever the connector checks itself, such as its rule files), {@code tenants.yaml} against the
 * delivery routes (which sinks its routes and secrets name, and whether every sink that sends with
 * a secret per tenant has one) and the maintenance windows. Each problem names the file, the line
 * and what to change. {@link #warnings()} are things that work but will likely surprise: they do
 * not stop the hub.
 */
public final class ConfigValidator {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\??)([^}:]+)(?::([^}]*))?}}");

    /** Properties that must hold whole numbers, with their bounds. */
    private static final Map<String, long[]> NUMBERS = Map.of(
            "camel.server.port", new long[] {0, 65535},
            "camel.management.port", new long[] {0, 65535},
            "mimamori.pipeline.queueCapacity", new long[] {1, 10_000_000},
            "mimamori.api.maxAlerts", new long[] {1, 10_000_000},
            "camel.main.shutdownTimeout", new long[] {1, 3600});
    private static final List<String> DURATIONS = List.of("mimamori.outbox.retention",
            "mimamori.outbox.deadLetterRetention");
    private static final Map<String, List<String>> CHOICES = Map.of(
            "mimamori.log.format", List.of("text", "json"),
            "mimamori.log.level", List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
            "mimamori.outbox.fsync", List.of("true", "false"),
            "camel.server.enabled", List.of("true", "false"),
            "camel.management.enabled", List.of("true", "false"));

    private final HubSettings settings;
    private final Map<String, Connector> connectors;
    private final Map<String, String> env;

    public ConfigValidator(HubSettings settings, Map<String, Connector> connectors, Map<String, String> env) {
        this.settings = settings;
        this.connectors = connectors;
        this.env = env;
    }

    public List<ConfigProblem> validate() {
        List<ConfigProblem> problems = new ArrayList<>(settings.problems());
        Set<String> referenced = new HashSet<>();
        problems.addAll(checkRoutes(referenced));
        problems.addAll(checkProperties(referenced));
        problems.addAll(checkTenantsAndMaintenance());
        return problems;
    }

    /** What {@link #validate()} found that works but will likely surprise; each names file, line and why. */
    public List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }

    /** The delivery routes found by {@link #validate()}, as {@code tenants.yaml} is read against them. */
    public DeliverySinks deliverySinks() {
        return keyedUses.deliverySinks(sinkNames.keySet());
    }

    private List<ConfigProblem> checkTenantsAndMaintenance() {
        List<ConfigProblem> problems = new ArrayList<>();
        TenantDirectory tenants = null;
        try {
            tenants = Deployment.tenants(settings, deliverySinks());
            Deployment.maintenance(settings, tenants, null, Clock.systemUTC());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        keyedUses.check(tenants, problems, warnings);
        return problems;
    }

    private List<ConfigProblem> checkProperties(Set<String> referencedByRoutes) {
        List<ConfigProblem> problems = new ArrayList<>();
        Path file = settings.configDir().resolve(HubSettings.PROPERTIES_FILE);
        Set<String> known = defaultsKeys();
        NUMBERS.forEach((key, bounds) -> {
            String v = settings.get(key);
            if (v == null) {
                return;
            }
            try {
                long n = Long.parseLong(v.trim());
                if (n < bounds[0] || n > bounds[1]) {
                    problems.add(at(file, key, key + " is " + n + "; use a number from " + bounds[0] + " to " + bounds[1]));
                }
            } catch (NumberFormatException e) {
                problems.add(at(file, key, key + " must be a whole number, not '" + v + "'"));
            }
        });
        for (String key : DURATIONS) {
            String v = settings.get(key);
            if (v != null) {
                try {
                    if (org.apache.camel.util.TimeUtils.toDuration(v.trim()).toMillis() <= 0) {
                        throw new IllegalArgumentException();
                    }
                } catch (RuntimeException e) {
                    problems.add(at(file, key, key + " is '" + v + "'; use a positive duration such as 30s, 5m, 24h or 14d"));
                }
            }
        }
        CHOICES.forEach((key, allowed) -> {
            String v = settings.get(key);
            if (v != null && !allowed.contains(v.trim())) {
                problems.add(at(file, key, key + " is '" + v + "'; use one of " + String.join(", ", allowed)));
            }
        });
        try {
            settings.lifecycle();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            problems.add(at(file, message.substring(0, Math.max(0, message.indexOf(' '))), message));
        }
        for (String key : settings.properties().keySet()) {
            boolean perRoute = key.startsWith(io.mimamori.lifecycle.LifecycleSettings.RENOTIFY_EVERY + ".")
                    || key.startsWith(io.mimamori.lifecycle.LifecycleSettings.SILENT_AFTER + ".");
            if (key.startsWith("mimamori.") && !perRoute && !known.contains(key) && !referencedByRoutes.contains(key)
                    && !key.equals(HubSettings.CONFIG_DIR) && !key.equals(HubSettings.ROUTES_DIR)
                    && !key.equals(io.mimamori.pipeline.PipelineSettings.DATA_DIR)) {
                problems.add(at(file, key, "unknown property " + key
                        + ": no route file uses it and Mimamori has no such setting; check the spelling"));
            }
        }
        return problems;
    }

    private static Set<String> defaultsKeys() {
        java.util.Properties p = new java.util.Properties();
        try (var in = ConfigValidator.class.getResourceAsStream("/mimamori-defaults.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p.stringPropertyNames();
    }

    /** A problem at the line of {@code key} in the properties file, or on the command line/environment. */
    private static ConfigProblem at(Path file, String key, String message) {
        if (Files.isRegularFile(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                Pattern p = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:\\s]");
                for (int i = 0; i < lines.size(); i++) {
                    if (p.matcher(lines.get(i)).find()) {
                        return new ConfigProblem(file.toString(), i + 1, message);
                    }
                }
            } catch (IOException ignored) {
                // fall through: reported without a line
            }
        }
        return new ConfigProblem("(environment or command line)", 0, message);
    }

    private List<ConfigProblem> checkRoutes(Set<String> referenced) {
        List<ConfigProblem> problems = new ArrayList<>();
        Path dir = settings.routesDir();
        if (!Files.isDirectory(dir)) {
            problems.add(new ConfigProblem(dir.toString(), 0,
                    "routes directory does not exist: create it or point --routes at the right one"));
            return problems;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            problems.add(new ConfigProblem(dir.toString(), 0, "cannot list: " + e.getMessage()));
            return problems;
        }
        if (files.isEmpty()) {
            problems.add(new ConfigProblem(dir.toString(), 0,
                    "no route files (*.yaml): the hub would receive nothing; add one, e.g. from the repository's routes/"));
        }
        for (Path f : files) {
            try {
                YamlTree.Node root = YamlTree.load(f);
                collectPlaceholders(root, referenced);
                walk(root, problems);
                checkCamelDsl(f, problems);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        checkFallbacks(problems);
        return problems;
    }

    private static final Pattern CAMEL_LINE = Pattern.compile("line (\\d+)");

    /** Lets Camel's YAML DSL read the file without starting anything, so a misplaced key is caught here. */
    private static void checkCamelDsl(Path file, List<ConfigProblem> problems) {
        try (DefaultCamelContext ctx = new DefaultCamelContext(false)) {
            ctx.getPropertiesComponent().setIgnoreMissingProperty(true);
            ctx.setStartupSummaryLevel(StartupSummaryLevel.Off);
            PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.resolveResource(ctx, "file:" + file));
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            Matcher m = CAMEL_LINE.matcher(msg);
            int line = m.find() ? Integer.parseInt(m.group(1)) : 0;
            String first = msg.lines().findFirst().orElse(msg).trim();
            problems.add(new ConfigProblem(file.toString(), line, "not a valid Camel route: " + first
                    + "; see the Camel YAML DSL and this repository's routes/ for the expected shape"));
        }
    }

    private static void collectPlaceholders(YamlTree.Node node, Set<String> out) {
        if (node.isScalar()) {
            Matcher m = PLACEHOLDER.matcher(node.text());
            while (m.find()) {
                out.add(m.group(2).trim());
            }
        }
        node.entries().values().forEach(n -> collectPlaceholders(n, out));
        if (node.isList()) {
            node.items().forEach(n -> collectPlaceholders(n, out));
        }
    }

    /**
     * Finds every endpoint URI naming a kamelet and checks that use, knowing the delivery route
     * ({@code mimamori-outbox:NAME}) whose steps it is in, if any.
     */
    private void walk(YamlTree.Node node, List<ConfigProblem> problems) {
        if (node.isMap()) {
            String outer = deliveryRoute;
            String here = deliveryRouteOf(node);
            if (here != null) {
                deliveryRoute = here;
            }
            try {
                walkEntries(node, problems);
            } finally {
                deliveryRoute = outer;
            }
        } else if (node.isList()) {
            node.items().forEach(n -> walk(n, problems));
        }
    }

    /** The sink name when {@code node} is a map whose endpoint is {@code mimamori-outbox:NAME}, else null. */
    private static String deliveryRouteOf(YamlTree.Node node) {
        for (String key : List.of("uri", "from")) {
            YamlTree.Node v = node.get(key);
            if (v != null && v.isScalar() && v.text().startsWith("mimamori-outbox:")) {
                return v.text().substring("mimamori-outbox:".length()).split("\\?", 2)[0];
            }
        }
        return null;
    }

    private void walkEntries(YamlTree.Node node, List<ConfigProblem> problems) {
        for (Map.Entry<String, YamlTree.Node> e : node.entries().entrySet()) {
            YamlTree.Node v = e.getValue();
            boolean endpointKey = e.getKey().equals("uri") || e.getKey().equals("from") || e.getKey().equals("to");
            if (endpointKey && v.isScalar() && v.text().startsWith("kamelet:")) {
                checkKameletUse(v, node.get("parameters"), problems);
            } else if (endpointKey && v.isScalar() && v.text().startsWith("mimamori-outbox:")) {
                checkDeliveryRoute(v, node.get("parameters"), problems);
            } else {
                walk(v, problems);
            }
        }
    }

    /** Sink names of the delivery routes seen so far, and the fallbacks they name, for cross-file checks. */
    private final Map<String, YamlTree.Node> sinkNames = new LinkedHashMap<>();
    private final Map<YamlTree.Node, String> fallbacks = new LinkedHashMap<>();
    /** The delivery route whose steps {@link #walk} is in, or null. */
    private String deliveryRoute;
    /** Uses of sinks with a secret per tenant, checked once tenants.yaml is read. */
    private final KeyedSinkUses keyedUses = new KeyedSinkUses();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    private void checkDeliveryRoute(YamlTree.Node uriNode, YamlTree.Node paramsNode, List<ConfigProblem> problems) {
        String uri = uriNode.text().substring("mimamori-outbox:".length());
        int q = uri.indexOf('?');
        String sink = q < 0 ? uri : uri.substring(0, q);
        Map<String, String> options = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                options.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        if (paramsNode != null) {
            paramsNode.entries().forEach((k, v) -> options.put(k, v.text() == null ? "" : v.text()));
        }
        try {
            options.replaceAll((k, v) -> resolve(v));
        } catch (IllegalArgumentException e) {
            problems.add(uriNode.problem(e.getMessage()));
            return;
        }
        options.values().removeIf(java.util.Objects::isNull);
        io.mimamori.outbox.OutboxEndpoint.check(sink, options).forEach(p -> problems.add(uriNode.problem(p)));
        YamlTree.Node earlier = sinkNames.putIfAbsent(sink, uriNode);
        if (earlier != null) {
            problems.add(uriNode.problem("sink name '" + sink + "' is already used by the delivery route at "
                    + earlier.file() + ":" + earlier.line() + "; give each mimamori-outbox route its own name"));
        }
        if (options.get("fallback") != null && !options.get("fallback").isBlank()) {
            fallbacks.put(uriNode, options.get("fallback").trim());
        }
    }

    private void checkFallbacks(List<ConfigProblem> problems) {
        fallbacks.forEach((node, fallback) -> {
            if (!sinkNames.containsKey(fallback)) {
                problems.add(node.problem("fallback sink '" + fallback + "' has no delivery route; add a route from"
                        + " mimamori-outbox:" + fallback + " (with fallbackOnly: true) or fix the name; known: "
                        + String.join(", ", sinkNames.keySet())));
            }
        });
    }

    private void checkKameletUse(YamlTree.Node uriNode, YamlTree.Node paramsNode, List<ConfigProblem> problems) {
        String uri = uriNode.text().substring("kamelet:".length());
        String name = uri.split("[/?]", 2)[0];
        if (name.equals("source") || name.equals("sink")) {
            return; // inside a kamelet template itself
        }
        Connector c = connectors.get(name);
        if (c == null) {
            problems.add(uriNode.problem("no connector named '" + name + "' is installed; installed: "
                    + String.join(", ", connectors.keySet())
                    + " (a connector jar belongs in the distribution's lib/)"));
            return;
        }
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, YamlTree.Node> where = new LinkedHashMap<>();
        int q = uri.indexOf('?');
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                given.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                where.put(kv[0], uriNode);
            }
        }
        if (paramsNode != null) {
            paramsNode.entries().forEach((k, v) -> {
                given.put(k, v.text() == null ? "" : v.text());
                where.put(k, v);
            });
        }
        Map<String, ParameterSpec> specs = c.parameters().stream()
                .collect(Collectors.toMap(ParameterSpec::name, p -> p, (a, b) -> a, LinkedHashMap::new));
        Map<String, String> resolved = new LinkedHashMap<>();
        boolean clean = true;
        for (Map.Entry<String, String> g : given.entrySet()) {
            YamlTree.Node at = where.get(g.getKey());
            ParameterSpec spec = specs.get(g.getKey());
            if (spec == null) {
                problems.add(at.problem(name + " has no parameter '" + g.getKey() + "'; its parameters: "
                        + String.join(", ", specs.keySet())));
                clean = false;
                continue;
            }
            String value;
            try {
                value = resolve(g.getValue());
            } catch (IllegalArgumentException e) {
                problems.add(at.problem(e.getMessage()));
                clean = false;
                continue;
            }
            if (value == null) {
                continue; // an optional placeholder with no value: the default applies
            }
            value = unwrapRaw(value);
            String wrong = spec.check(value);
            if (wrong != null) {
                problems.add(at.problem(wrong));
                clean = false;
            }
            resolved.put(g.getKey(), value);
        }
        for (ParameterSpec spec : specs.values()) {
            if (!resolved.containsKey(spec.name())) {
                if (spec.required() && spec.defaultValue() == null && !given.containsKey(spec.name())) {
                    problems.add(uriNode.problem(name + " needs parameter '" + spec.name() + "' ("
                            + (spec.description() == null ? spec.title() : spec.description()) + ")"));
                    clean = false;
                } else if (spec.defaultValue() != null) {
                    try {
                        String d = resolve(spec.defaultValue());
                        if (d != null) {
                            resolved.put(spec.name(), d);
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add(uriNode.problem("default of " + name + " parameter '" + spec.name() + "': "
                                + e.getMessage()));
                    }
                }
            }
        }
        if (c instanceof TenantKeyedSink keyed && deliveryRoute != null) {
            keyedUses.add(uriNode, keyed, resolved, deliveryRoute, clean);
        } else if (clean) {
            problems.addAll(c.checkUse(resolved));
        }
    }

    /** Camel passes {@code RAW(value)} (or {@code RAW{value}}) through unparsed: check the value inside. */
    static String unwrapRaw(String v) {
        if ((v.startsWith("RAW(") && v.endsWith(")")) || (v.startsWith("RAW{") && v.endsWith("}"))) {
            return v.substring(4, v.length() - 1);
        }
        return v;
    }

    /** Resolves property placeholders as Camel will; null for an optional one without a value. */
    String resolve(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            boolean optional = !m.group(1).isEmpty();
            String key = m.group(2).trim();
            String v = settings.get(key);
            if (v == null) {
                v = env.get(HubSettings.envName(key));
            }
            if (v == null) {
                v = m.group(3);
            }
            if (v == null) {
                if (optional) {
                    return null;
                }
                throw new IllegalArgumentException("property '" + key + "' is not set: add it to "
                        + HubSettings.PROPERTIES_FILE + " or set " + HubSettings.envName(key));
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
