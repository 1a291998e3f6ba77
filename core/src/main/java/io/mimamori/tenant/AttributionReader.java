package io.mimamori.tenant;

import io.mimamori.config.YamlTree;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the {@code attribution:} of each tenant: validates every value and claims it for the
 * tenant in a {@link ClaimIndex.Builder}, reporting a value two tenants (or one tenant twice) claim.
 */
final class AttributionReader {
    private static final List<String> KEYS = List.of(
            "cidrs", "hostnames", "snmpCommunities", "snmpUsers", "awsAccounts", "sqsQueues");

    private static final Pattern AWS_ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern SQS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}(\\.fifo)?|[A-Za-z0-9_-]{1,80}");
    private static final Pattern SNMP_USER = Pattern.compile("[^\\s:]{1,32}");
    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9*?_.-]{1,253}");

    private final FieldReader fields;
    private final ClaimIndex.Builder claims = new ClaimIndex.Builder();

    AttributionReader(FieldReader fields) {
        this.fields = fields;
    }

    /**
     * Reads a tenant's {@code attribution:} and registers its claims.
     *
     * @param id    the tenant id, or null when it is invalid (values are still checked, nothing is claimed)
     * @param where the tenant in words, for messages
     */
    Attribution read(YamlTree.Node node, String id, String where) {
        if (node == null) {
            return Attribution.NONE;
        }
        if (!node.isMap()) {
            fields.add(node, "attribution must be a map of " + String.join(", ", KEYS));
            return Attribution.NONE;
        }
        fields.checkKeys(node, KEYS, "attribution");
        List<String> cidrs = new ArrayList<>();
        for (YamlTree.Node item : fields.texts(node.get("cidrs"), "cidrs")) {
            try {
                Cidr cidr = Cidr.parse(item.text());
                cidrs.add(item.text());
                claim(ClaimIndex.Kind.CIDR, cidr.toString(), "CIDR " + cidr, id, item, "a longer prefix inside"
                        + " another tenant's is allowed and wins; the same one is not");
            } catch (IllegalArgumentException e) {
                fields.add(item, "cidrs: " + e.getMessage());
            }
        }
        List<String> hostnames = new ArrayList<>();
        for (YamlTree.Node item : fields.texts(node.get("hostnames"), "hostnames")) {
            String key = ClaimIndex.hostKey(item.text());
            if (!HOSTNAME.matcher(key).matches()) {
                fields.add(item, "hostnames: '" + item.text() + "' is not a host name or glob: use letters, digits,"
                        + " '.', '-', '_' and the wildcards '*' and '?', e.g. *.acme.example");
                continue;
            }
            hostnames.add(item.text());
            claim(ClaimIndex.Kind.HOSTNAME, key, "host name '" + key + "'", id, item,
                    "a more specific pattern is allowed and wins; the same one is not");
        }
        List<String> communities = new ArrayList<>();
        for (YamlTree.Node item : fields.texts(node.get("snmpCommunities"), "snmpCommunities")) {
            String resolved = fields.secret(item, "snmpCommunities", where);
            if (resolved == null) {
                continue;
            }
            communities.add(item.text());
            for (String community : resolved.split("[,\\s]+")) {
                if (community.isEmpty()) {
                    continue;
                }
                claim(ClaimIndex.Kind.SNMP_COMMUNITY, community, "an SNMP community from " + item.text(), id, item,
                        "a community can belong to one tenant only");
            }
        }
        List<String> users = new ArrayList<>();
        for (YamlTree.Node item : fields.texts(node.get("snmpUsers"), "snmpUsers")) {
            if (!SNMP_USER.matcher(item.text()).matches()) {
                fields.add(item, "snmpUsers: '" + item.text() + "' is not an SNMPv3 user name: 1-32 characters"
                        + " without spaces or ':'");
                continue;
            }
            users.add(item.text());
            claim(ClaimIndex.Kind.SNMP_USER, item.text(), "SNMPv3 user '" + item.text() + "'", id, item,
                    "a user can belong to one tenant only");
        }
        List<String> accounts = new ArrayList<>();
        for (YamlTree.Node item : fields.texts(node.get("awsAccounts"), "awsAccounts")) {
            if (!AWS_ACCOUNT.matcher(item.text()).matches()) {
                fields.add(item, "awsAccounts: '" + item.text() + "' is not an AWS account id: write its 12 digits,"
                        + " e.g. '012345678901'");
                continue;
            }
            accounts.add(item.text());
            claim(ClaimIndex.Kind.AWS_ACCOUNT, item.text(), "AWS account " + item.text(), id, item,
                    "an account can belong to one tenant only; give the tenants their SQS queues instead");
        }
        List<String> queues = new ArrayList<>();
        for (YamlTree.Node item : fields.texts(node.get("sqsQueues"), "sqsQueues")) {
            String problem = queueProblem(item.text());
            if (problem != null) {
                fields.add(item, "sqsQueues: " + problem);
                continue;
            }
            queues.add(item.text());
            claim(ClaimIndex.Kind.SQS_QUEUE, ClaimIndex.queueKey(item.text()), "SQS queue " + item.text(), id, item,
                    "a queue can belong to one tenant only");
        }
        return new Attribution(cidrs, hostnames, communities, users, accounts, queues);
    }

    private static String queueProblem(String queue) {
        if (!queue.contains("://")) {
            return SQS_NAME.matcher(queue).matches() ? null : "'" + queue + "' is not an SQS queue name: up to 80"
                    + " letters, digits, '-' and '_' (FIFO queues end in .fifo), or give the queue URL";
        }
        try {
            URI uri = new URI(queue);
            String path = uri.getPath() == null ? "" : uri.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && SQS_NAME.matcher(name).matches()) {
                return null;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        return "'" + queue + "' is not an SQS queue URL: write it as the console shows it, e.g."
                + " https://sqs.ap-northeast-1.amazonaws.com/123456789012/acme-alarms, or give the queue name";
    }

    private void claim(ClaimIndex.Kind kind, String key, String what, String tenant, YamlTree.Node at, String rule) {
        if (tenant == null) {
            return;
        }
        String location = "line " + at.line();
        ClaimIndex.Claim earlier = claims.claim(kind, key, tenant, location);
        if (earlier == null) {
            return;
        }
        if (earlier.tenant().equals(tenant)) {
            fields.add(at, what + " is listed twice for tenant '" + tenant + "' (also at " + earlier.location()
                    + "): remove one");
        } else {
            fields.add(at, what + " is also claimed by tenant '" + earlier.tenant() + "' at " + earlier.location()
                    + ": " + rule + "; remove it from one of them");
        }
    }


    ClaimIndex index() {
        return claims.build();
    }
}
