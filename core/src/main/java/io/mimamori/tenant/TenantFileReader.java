package io.mimamori.tenant;

import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.config.Suggestions;
import io.mimamori.config.YamlTree;
import io.mimamori.spi.TenantSourceSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code tenants.yaml} into a {@link TenantDirectory}: the file's top level and each tenant's
 * own fields here, attribution, delivery and per-connector source settings in their readers. Reading goes on after a problem, so
 * the operator sees every problem at once, in line order, each with what to do.
 */
final class TenantFileReader {
    private static final List<String> FILE_KEYS = List.of("defaultTenant", "unknown", "runbooks", "tenants");
    private static final List<String> TENANT_KEYS = List.of(
            "id", "name", "timezone", "environment", "attribution", "routes", "secrets", "runbooks", "sources");
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    private final FieldReader fields;
    private final AttributionReader attribution;
    private final DeliveryReader delivery;
    private final SourceSettingsReader sources;
    private final Map<String, Integer> tenantLines = new LinkedHashMap<>();
    private final Map<String, Tenant> tenants = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> secrets = new HashMap<>();

    private TenantFileReader(Path configDir, DeliverySinks sinks, Function<String, String> environment,
                             Collection<TenantSourceSettings> sourceSections) {
        this.fields = new FieldReader(configDir, environment);
        this.attribution = new AttributionReader(fields);
        this.delivery = new DeliveryReader(fields, sinks);
        this.sources = new SourceSettingsReader(fields, sourceSections);
    }

    static TenantDirectory read(Path file, String hubDefaultTenant, DeliverySinks sinks,
                                Function<String, String> environment, Collection<TenantSourceSettings> sourceSections) {
        TenantFileReader reader = new TenantFileReader(file.toAbsolutePath().getParent(), sinks, environment,
                sourceSections);
        return reader.readFile(YamlTree.load(file), hubDefaultTenant);
    }

    private TenantDirectory readFile(YamlTree.Node root, String hubDefaultTenant) {
        if (!root.isMap()) {
            fields.add(root, "expected a map with 'tenants:' (a list of tenants) and optionally defaultTenant,"
                    + " unknown and runbooks");
            throw new ConfigException(fields.problems());
        }
        fields.checkKeys(root, FILE_KEYS, "tenants.yaml");
        YamlTree.Node list = root.get("tenants");
        if (list == null) {
            fields.add(root, "no 'tenants:' key: list the tenants under 'tenants:', each starting with '- id: ...'");
        } else if (!list.isEmpty() && !list.isList()) {
            fields.add(list, "'tenants' must be a list: start each tenant with '- id: ...'");
        } else {
            list.items().forEach(this::readTenant);
        }
        List<Runbook> shared = delivery.runbooks(root.get("runbooks"));
        TenantDirectory.Unknown unknown = readUnknown(root.get("unknown"));
        String defaultTenant = readDefaultTenant(root.get("defaultTenant"), hubDefaultTenant);
        if (!fields.problems().isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(fields.problems());
            sorted.sort(Comparator.comparingInt(ConfigProblem::line));
            throw new ConfigException(sorted);
        }
        tenants.putIfAbsent(defaultTenant, Tenant.implicit(defaultTenant));
        return new TenantDirectory(root.file(), tenants, secrets, shared, defaultTenant, unknown, attribution.index());
    }

    private TenantDirectory.Unknown readUnknown(YamlTree.Node node) {
        String text = node == null ? "default" : fields.scalar(node, "unknown");
        if ("default".equals(text)) {
            return TenantDirectory.Unknown.DEFAULT;
        }
        if ("reject".equals(text)) {
            return TenantDirectory.Unknown.REJECT;
        }
        if (text != null) {
            fields.add(node, "unknown: '" + text + "' is not a choice: write 'default' (inputs no tenant claims go"
                    + " to defaultTenant) or 'reject' (they are dropped and counted)");
        }
        return TenantDirectory.Unknown.DEFAULT;
    }

    private String readDefaultTenant(YamlTree.Node node, String hubDefaultTenant) {
        if (node == null) {
            return hubDefaultTenant;
        }
        String id = fields.scalar(node, "defaultTenant");
        if (id != null && !tenantLines.containsKey(id)) {
            String hint = Suggestions.closest(id, tenantLines.keySet());
            fields.add(node, "defaultTenant '" + id + "' is not a tenant of this file: "
                    + (hint != null ? "did you mean '" + hint + "'?" : "declare it under 'tenants:' or name one"
                    + " that is declared"));
        }
        return id == null ? hubDefaultTenant : id;
    }

    private void readTenant(YamlTree.Node node) {
        if (!node.isMap()) {
            fields.add(node, "a tenant must be a map starting with 'id:'");
            return;
        }
        fields.checkKeys(node, TENANT_KEYS, "a tenant");
        String id = readId(node);
        String where = id == null ? "the tenant at line " + node.line() : "tenant '" + id + "'";
        String name = node.get("name") == null ? id : fields.scalar(node.get("name"), "name");
        String timezone = readTimezone(node.get("timezone"));
        String env = null;
        if (node.get("environment") != null) {
            env = fields.scalar(node.get("environment"), "environment");
            if (env != null && !ENVIRONMENT.matcher(env).matches()) {
                fields.add(node.get("environment"), "environment '" + env + "' must be a lower-case word such as"
                        + " production or staging (letters, digits, '-')");
            }
        }
        Attribution claimed = attribution.read(node.get("attribution"), id, where);
        List<SinkRoute> routes = delivery.routes(node.get("routes"), where);
        Map<String, String> own = delivery.secrets(node.get("secrets"), id, where);
        List<Runbook> runbooks = delivery.runbooks(node.get("runbooks"));
        Map<String, Map<String, String>> settings = sources.read(node.get("sources"), where);
        if (id != null && !tenants.containsKey(id)) {
            tenants.put(id, new Tenant(id, name == null ? id : name, timezone, env, claimed, routes,
                    List.copyOf(own.keySet()), runbooks, settings));
            secrets.put(id, Map.copyOf(own));
        }
    }

    private String readId(YamlTree.Node tenant) {
        YamlTree.Node node = tenant.get("id");
        if (node == null) {
            fields.add(tenant, "tenant without id: add 'id: acme' (the value alerts carry in their tenant field)");
            return null;
        }
        String id = fields.scalar(node, "id");
        if (id == null) {
            return null;
        }
        if (!TENANT_ID.matcher(id).matches()) {
            fields.add(node, "invalid tenant id '" + id + "': use 1-64 letters, digits, '_', '.' or '-',"
                    + " starting with a letter or digit");
            return null;
        }
        Integer earlier = tenantLines.putIfAbsent(id, node.line());
        if (earlier != null) {
            fields.add(node, "duplicate tenant id '" + id + "': already declared at line " + earlier
                    + "; give each tenant its own id");
            return null;
        }
        return id;
    }

    private String readTimezone(YamlTree.Node node) {
        if (node == null) {
            return "UTC";
        }
        String zone = fields.scalar(node, "timezone");
        if (zone == null) {
            return "UTC";
        }
        if (!ZONES.contains(zone)) {
            String hint = Suggestions.closest(zone, ZONES);
            fields.add(node, "timezone '" + zone + "' is not an IANA time zone id: write e.g. Asia/Tokyo,"
                    + " Europe/Berlin or UTC" + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
            return "UTC";
        }
        return zone;
    }
}
