package io.mimamori.tenant;

import io.mimamori.config.Glob;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the tenant that claims an input. Exact attributes are hash lookups; host name globs of the
 * form {@code *.domain} are found by looking up the name's dot-suffixes, longest first; addresses
 * go through one {@link PrefixTable} per family. Immutable once built.
 *
 * <p>Precedence, most specific evidence first: SQS queue (URL, then name), AWS account, SNMPv3
 * user, SNMP community, exact host name, host name glob (the one with the most literal characters;
 * on a tie the one written first), sender address (longest prefix).
 */
final class ClaimIndex {
    /** The attribute kinds, in precedence order. */
    enum Kind { SQS_QUEUE, AWS_ACCOUNT, SNMP_USER, SNMP_COMMUNITY, HOSTNAME, CIDR }

    /** Who claimed an attribute and where. */
    record Claim(String tenant, String location) {
    }

    private static final String AMBIGUOUS = "";

    private record HostGlob(Glob glob, int score, int order, String tenant) {
    }

    private final Map<String, String> queueUrls;
    private final Map<String, String> queueNames;
    /** Names of configured queue URLs that only one tenant's URLs end in. */
    private final Map<String, String> urlQueueNames;
    private final Map<String, String> accounts;
    private final Map<String, String> users;
    private final Map<String, String> communities;
    private final Map<String, String> hosts;
    private final Map<String, HostGlob> domainGlobs;
    private final List<HostGlob> otherGlobs;
    private final PrefixTable v4;
    private final PrefixTable v6;
    private final String[] tenantOf;

    private ClaimIndex(Builder b) {
        Map<Kind, Map<String, String>> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Map<String, String> m = new HashMap<>();
            b.claims.get(kind).forEach((key, claim) -> m.put(key, claim.tenant()));
            byKind.put(kind, m);
        }
        Map<String, String> urls = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        byKind.get(Kind.SQS_QUEUE).forEach((q, t) -> (q.contains("://") ? urls : names).put(q, t));
        Map<String, String> namesOfUrls = new HashMap<>();
        urls.forEach((url, t) -> namesOfUrls.merge(queueName(url), t, (a, c) -> a.equals(c) ? a : AMBIGUOUS));
        namesOfUrls.values().removeIf(AMBIGUOUS::equals);
        queueUrls = Map.copyOf(urls);
        queueNames = Map.copyOf(names);
        urlQueueNames = Map.copyOf(namesOfUrls);
        accounts = Map.copyOf(byKind.get(Kind.AWS_ACCOUNT));
        users = Map.copyOf(byKind.get(Kind.SNMP_USER));
        communities = Map.copyOf(byKind.get(Kind.SNMP_COMMUNITY));

        Map<String, String> exact = new HashMap<>();
        Map<String, HostGlob> domains = new HashMap<>();
        List<HostGlob> others = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, Claim> e : b.claims.get(Kind.HOSTNAME).entrySet()) {
            Glob glob = Glob.hostname(e.getKey());
            String tenant = e.getValue().tenant();
            String rest = e.getKey().substring(1);
            HostGlob hg = new HostGlob(glob, glob.literalCharacters(), order++, tenant);
            if (glob.isLiteral()) {
                exact.put(e.getKey(), tenant);
            } else if (e.getKey().startsWith("*.") && Glob.hostname(rest).isLiteral()) {
                domains.put(rest, hg);
            } else {
                others.add(hg);
            }
        }
        others.sort(Comparator.comparingInt(HostGlob::score).reversed().thenComparingInt(HostGlob::order));
        hosts = Map.copyOf(exact);
        domainGlobs = Map.copyOf(domains);
        otherGlobs = List.copyOf(others);

        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<PrefixTable.Entry> four = new ArrayList<>();
        List<PrefixTable.Entry> six = new ArrayList<>();
        for (Map.Entry<String, Claim> e : b.claims.get(Kind.CIDR).entrySet()) {
            Cidr cidr = Cidr.parse(e.getKey());
            int n = numbers.computeIfAbsent(e.getValue().tenant(), t -> numbers.size());
            (cidr.network().v6() ? six : four).add(new PrefixTable.Entry(cidr, n));
        }
        v4 = PrefixTable.build(four);
        v6 = PrefixTable.build(six);
        tenantOf = numbers.keySet().toArray(String[]::new);
    }

    /** The claiming tenant, or null when nothing claims the input. */
    String resolve(TenantClaims c) {
        String t = null;
        if (c.sqsQueue() != null) {
            t = queue(c.sqsQueue());
        }
        if (t == null && c.awsAccount() != null) {
            t = accounts.get(c.awsAccount().trim());
        }
        if (t == null && c.snmpUser() != null) {
            t = users.get(c.snmpUser());
        }
        if (t == null && c.snmpCommunity() != null) {
            t = communities.get(c.snmpCommunity());
        }
        if (t == null && c.hostname() != null) {
            t = host(hostKey(c.hostname()));
        }
        if (t == null && c.address() != null) {
            IpAddress a = IpAddress.parse(c.address());
            int n = a == null ? PrefixTable.NONE : (a.v6() ? v6 : v4).lookup(a);
            t = n == PrefixTable.NONE ? null : tenantOf[n];
        }
        return t;
    }

    /**
     * A queue URL matches a configured URL, else a configured name; a queue name matches a configured
     * name, else the one tenant whose configured URL ends in it.
     */
    private String queue(String queue) {
        String q = queueKey(queue);
        if (!q.contains("://")) {
            String t = queueNames.get(q);
            return t != null ? t : urlQueueNames.get(q);
        }
        String t = queueUrls.get(q);
        return t != null ? t : queueNames.get(queueName(q));
    }

    private static String queueName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private String host(String name) {
        String t = hosts.get(name);
        if (t != null) {
            return t;
        }
        HostGlob best = null;
        for (int dot = name.indexOf('.'); dot >= 0 && best == null; dot = name.indexOf('.', dot + 1)) {
            best = domainGlobs.get(name.substring(dot));
        }
        for (HostGlob g : otherGlobs) {
            if (best != null && (g.score() < best.score() || g.score() == best.score() && g.order() > best.order())) {
                break;
            }
            if (g.glob().matches(name)) {
                best = g;
                break;
            }
        }
        return best == null ? null : best.tenant();
    }

    /** Host names compare ignoring case and a trailing dot. */
    static String hostKey(String hostname) {
        String h = hostname.trim().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** A queue URL with scheme and host in lower case and no trailing slash; a name (or what is no URL) as it is. */
    static String queueKey(String queue) {
        String q = queue.trim();
        if (!q.contains("://")) {
            return q;
        }
        URI uri;
        try {
            uri = new URI(q);
        } catch (URISyntaxException e) {
            return q;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return q;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    }

    /** Collects claims; tells the caller who claimed an attribute first, so it can report the conflict. */
    static final class Builder {
        private final Map<Kind, Map<String, Claim>> claims = new EnumMap<>(Kind.class);

        Builder() {
            for (Kind kind : Kind.values()) {
                claims.put(kind, new LinkedHashMap<>());
            }
        }

        /**
         * Records that {@code tenant} claims {@code key} (already in its compared form).
         *
         * @return the earlier claim of the same key, or null when it is new (the earlier one stays)
         */
        Claim claim(Kind kind, String key, String tenant, String location) {
            return claims.get(kind).putIfAbsent(key, new Claim(tenant, location));
        }

        ClaimIndex build() {
            return new ClaimIndex(this);
        }
    }
}
