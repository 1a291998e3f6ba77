package io.mimamori.tenant;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Link;
import io.mimamori.spi.TenantSourceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The tenants of this hub, read once from {@code config/tenants.yaml}: whose an input is, which
 * sinks get a tenant's alerts, the tenant's sink secrets and runbook links. Without the file the
 * hub is single-tenant: every input belongs to the hub's default tenant and goes to every sink.
 *
 * <p>Attribution precedence, most specific evidence first: SQS queue, AWS account, SNMPv3 user,
 * SNMP community, exact host name, host name glob (most literal characters wins), sender address
 * (longest prefix wins). An input nothing claims goes to {@code defaultTenant}
 * ({@link TenantResolver.Resolution#matched()} false) or, with {@code unknown: reject}, is rejected.
 *
 * <p>A tenant may also give settings for its own inputs to source connectors ({@code sources:},
 * see {@link io.mimamori.spi.TenantSourceSettings}), checked by those connectors as the file is
 * read and handed to them by {@link #sourceSettings}.
 *
 * <p>Immutable after loading, so safe to share between threads. Secrets are resolved at load time
 * and only {@link #secret} returns them; {@link #toString()}, {@link #all()} and {@link #get} do not.
 */
public final class TenantDirectory implements TenantResolver {
    /** The file's name inside the config directory. */
    public static final String FILE_NAME = "tenants.yaml";

    /** What happens to an input no tenant claims. */
    public enum Unknown {
        /** It belongs to the default tenant. */
        DEFAULT,
        /** It is rejected: the source drops and counts it. */
        REJECT
    }

    private final String file;
    private final Map<String, Tenant> tenants;
    private final Map<String, Map<String, String>> secrets;
    private final List<Runbook> sharedRunbooks;
    private final String defaultTenant;
    private final Unknown unknown;
    private final ClaimIndex index;
    private final Resolution fallback;

    TenantDirectory(String file, Map<String, Tenant> tenants, Map<String, Map<String, String>> secrets,
                    List<Runbook> sharedRunbooks, String defaultTenant, Unknown unknown, ClaimIndex index) {
        this.file = file;
        this.tenants = Collections.unmodifiableMap(new LinkedHashMap<>(tenants));
        this.secrets = Map.copyOf(secrets);
        this.sharedRunbooks = List.copyOf(sharedRunbooks);
        this.defaultTenant = defaultTenant;
        this.unknown = unknown;
        this.index = index;
        this.fallback = new Resolution(unknown == Unknown.REJECT ? null : defaultTenant, false);
    }

    /**
     * Reads {@code configDir/tenants.yaml} with the default tenant {@code default} and without
     * checking sink names (see {@link #load(Path, String, DeliverySinks)}).
     */
    public static TenantDirectory load(Path configDir) {
        return load(configDir, "default", DeliverySinks.ANY);
    }

    /** Like {@link #load(Path, String, DeliverySinks)} with sink names only. */
    public static TenantDirectory load(Path configDir, String hubDefaultTenant, Set<String> knownSinks) {
        return load(configDir, hubDefaultTenant, DeliverySinks.named(knownSinks));
    }

    /**
     * Reads {@code configDir/tenants.yaml}; when it does not exist, the hub is single-tenant.
     *
     * @param hubDefaultTenant the tenant of unclaimed inputs when the file names no {@code defaultTenant}
     *                         (the hub's {@code mimamori.tenant.default})
     * @param sinks            the delivery routes of this hub; routes and secrets naming another sink,
     *                         and secrets for a sink that takes none, are config problems
     * @throws io.mimamori.config.ConfigException listing every problem with file, line and what to do
     */
    public static TenantDirectory load(Path configDir, String hubDefaultTenant, DeliverySinks sinks) {
        return load(configDir, hubDefaultTenant, sinks, System::getenv);
    }

    static TenantDirectory load(Path configDir, String hubDefaultTenant, Set<String> knownSinks,
                                Function<String, String> environment) {
        return load(configDir, hubDefaultTenant, DeliverySinks.named(knownSinks), environment);
    }

    static TenantDirectory load(Path configDir, String hubDefaultTenant, DeliverySinks sinks,
                                Function<String, String> environment) {
        return load(configDir, hubDefaultTenant, sinks, environment, SourceSettingsReader.installed());
    }

    /**
     * @param sourceSections the connectors' {@code sources:} sections that tenants may give; the
     *                       hub passes those of the connector modules on its class path
     */
    static TenantDirectory load(Path configDir, String hubDefaultTenant, DeliverySinks sinks,
                                Function<String, String> environment, Collection<TenantSourceSettings> sourceSections) {
        Path file = configDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return singleTenant(hubDefaultTenant);
        }
        return TenantFileReader.read(file, hubDefaultTenant, sinks, environment, sourceSections);
    }

    /** One tenant that gets every input and sends everything to every sink. */
    public static TenantDirectory singleTenant(String tenant) {
        return new TenantDirectory(null, Map.of(tenant, Tenant.implicit(tenant)), Map.of(), List.of(), tenant,
                Unknown.DEFAULT, new ClaimIndex.Builder().build());
    }

    @Override
    public Resolution resolve(TenantClaims claims) {
        String tenant = index.resolve(claims);
        return tenant != null ? new Resolution(tenant, true) : fallback;
    }

    @Override
    public Map<String, String> sourceSettings(String tenant, String section) {
        Tenant t = tenant == null ? null : tenants.get(tenant);
        return t == null ? Map.of() : t.sources(section);
    }

    /**
     * True when {@code tenant}'s routes send {@code alert} to {@code sink}. Routes are tried in
     * order; the first that matches decides, unless it has {@code continue: true}, in which case
     * later routes can add sinks. A tenant without routes, or one this directory does not know
     * (an alert from before a config change), sends everything to every sink.
     */
    public boolean routes(String tenant, String sink, Alert alert) {
        Tenant t = tenants.get(tenant);
        if (t == null || t.routes().isEmpty()) {
            return true;
        }
        for (SinkRoute route : t.routes()) {
            if (route.matches(alert)) {
                if (route.sinks().contains(sink)) {
                    return true;
                }
                if (!route.continueMatching()) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * The secret {@code tenant} has for {@code sink} (a routing key, an API key), or null when it has
     * none and the sink's own default applies. Never log it.
     */
    public String secret(String tenant, String sink) {
        Map<String, String> own = secrets.get(tenant);
        return own == null ? null : own.get(sink);
    }

    /** The tenants that have their own secret for {@code sink}, in file order. */
    public Set<String> tenantsWithSecret(String sink) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : tenants.keySet()) {
            if (secret(id, sink) != null) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * True when some alert of {@code tenant} may go to {@code sink}: the tenant has no routes, or one
     * of its routes names the sink.
     */
    public boolean mayRoute(String tenant, String sink) {
        Tenant t = tenants.get(tenant);
        return t == null || t.routes().isEmpty() || t.routes().stream().anyMatch(r -> r.sinks().contains(sink));
    }

    /**
     * False for a tenant no input can reach: it claims nothing and is not where unclaimed inputs go
     * (with {@code unknown: reject}, the implicit default tenant).
     */
    public boolean receivesInput(String tenant) {
        Tenant t = tenants.get(tenant);
        return t != null && (!t.attribution().equals(Attribution.NONE)
                || unknown == Unknown.DEFAULT && tenant.equals(defaultTenant));
    }

    /**
     * Runbook links for {@code alert}: its tenant's matching runbooks first, then the shared ones,
     * each link once.
     */
    public List<Link> runbooks(Alert alert) {
        Tenant t = alert.tenant() == null ? null : tenants.get(alert.tenant());
        Map<String, Link> links = new LinkedHashMap<>();
        for (List<Runbook> list : t == null ? List.of(sharedRunbooks) : List.of(t.runbooks(), sharedRunbooks)) {
            for (Runbook r : list) {
                if (r.matches(alert)) {
                    Link link = r.link(alert);
                    links.putIfAbsent(link.href(), link);
                }
            }
        }
        return new ArrayList<>(links.values());
    }

    /** True when some tenant routes its alerts to chosen sinks only (else every sink gets everything). */
    public boolean hasRoutes() {
        return tenants.values().stream().anyMatch(t -> !t.routes().isEmpty());
    }

    /** True when any runbook is configured, shared or per tenant. */
    public boolean hasRunbooks() {
        return !sharedRunbooks.isEmpty() || tenants.values().stream().anyMatch(t -> !t.runbooks().isEmpty());
    }

    /** The tenant with this id, or null. */
    public Tenant get(String id) {
        return tenants.get(id);
    }

    /** Every tenant, in file order, the default tenant included; no secrets. */
    public Collection<Tenant> all() {
        return tenants.values();
    }

    public String defaultTenant() {
        return defaultTenant;
    }

    public Unknown unknown() {
        return unknown;
    }

    @Override
    public String toString() {
        return "TenantDirectory[" + (file == null ? "single tenant" : file + ", " + tenants.size() + " tenants")
                + ", default " + defaultTenant + ", unknown " + unknown.name().toLowerCase(Locale.ROOT) + "]";
    }
}
