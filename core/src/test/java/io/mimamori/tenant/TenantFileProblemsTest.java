package io.mimamori.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake is reported with its line and what to do, all of them at once. */
class TenantFileProblemsTest {
    @TempDir
    Path dir;

    @Test
    void unknownKeysSuggestTheClosestKnownOne() {
        assertThat(TenantFiles.problems(dir, """
                defaultTennant: acme
                tenants:
                  - id: acme
                    timezon: Asia/Tokyo
                    attribution:
                      cidr: [10.0.0.0/8]
                    routes:
                      - sinks: [file]
                        continu: true
                        match:
                          minseverity: major
                """)).containsExactly(
                "tenants.yaml:1: unknown key 'defaultTennant' in tenants.yaml (did you mean 'defaultTenant'?);"
                        + " known keys: defaultTenant, unknown, runbooks, tenants",
                "tenants.yaml:4: unknown key 'timezon' in a tenant (did you mean 'timezone'?); known keys: id, name,"
                        + " timezone, environment, attribution, routes, secrets, runbooks, sources",
                "tenants.yaml:6: unknown key 'cidr' in attribution (did you mean 'cidrs'?); known keys: cidrs,"
                        + " hostnames, snmpCommunities, snmpUsers, awsAccounts, sqsQueues",
                "tenants.yaml:9: unknown key 'continu' in a route (did you mean 'continue'?); known keys: sinks,"
                        + " match, continue",
                "tenants.yaml:11: unknown key 'minseverity' in a route's match (did you mean 'minSeverity'?);"
                        + " known keys: severity, minSeverity, layer, event, labels");
    }

    @Test
    void duplicateAndInvalidIds() {
        assertThat(TenantFiles.problems(dir, """
                tenants:
                  - id: acme
                  - id: acme
                  - id: "bad id"
                  - name: no id here
                """)).containsExactly(
                "tenants.yaml:3: duplicate tenant id 'acme': already declared at line 2; give each tenant its own id",
                "tenants.yaml:4: invalid tenant id 'bad id': use 1-64 letters, digits, '_', '.' or '-', starting"
                        + " with a letter or digit",
                "tenants.yaml:5: tenant without id: add 'id: acme' (the value alerts carry in their tenant field)");
    }

    @Test
    void sameClaimForTwoTenants() {
        assertThat(TenantFiles.problems(dir, """
                tenants:
                  - id: acme
                    attribution:
                      cidrs: [10.20.0.0/16, "2001:db8::/32"]
                      hostnames: ["*.shared.example"]
                      awsAccounts: ["111122223333"]
                      snmpCommunities: [env:ACME_COMMUNITY]
                      snmpUsers: [noc]
                      sqsQueues: [alarms]
                  - id: globex
                    attribution:
                      cidrs:
                        - 10.20.0.0/16
                        - "2001:DB8:0::/32"
                        - 10.20.0.0/17
                      hostnames: ["*.SHARED.example."]
                      awsAccounts: ["111122223333"]
                      snmpCommunities: [env:GLOBEX_COMMUNITY]
                      snmpUsers: [noc]
                      sqsQueues: [alarms]
                """, Map.of("ACME_COMMUNITY", "c-one", "GLOBEX_COMMUNITY", "c-two,c-one"))).containsExactly(
                "tenants.yaml:13: CIDR 10.20.0.0/16 is also claimed by tenant 'acme' at line 4: a longer prefix"
                        + " inside another tenant's is allowed and wins; the same one is not; remove it from one of them",
                "tenants.yaml:14: CIDR 2001:db8::/32 is also claimed by tenant 'acme' at line 4: a longer prefix"
                        + " inside another tenant's is allowed and wins; the same one is not; remove it from one of them",
                "tenants.yaml:16: host name '*.shared.example' is also claimed by tenant 'acme' at line 5: a more"
                        + " specific pattern is allowed and wins; the same one is not; remove it from one of them",
                "tenants.yaml:17: AWS account 111122223333 is also claimed by tenant 'acme' at line 6: an account can"
                        + " belong to one tenant only; give the tenants their SQS queues instead; remove it from one of them",
                "tenants.yaml:18: an SNMP community from env:GLOBEX_COMMUNITY is also claimed by tenant 'acme' at"
                        + " line 7: a community can belong to one tenant only; remove it from one of them",
                "tenants.yaml:19: SNMPv3 user 'noc' is also claimed by tenant 'acme' at line 8: a user can belong to"
                        + " one tenant only; remove it from one of them",
                "tenants.yaml:20: SQS queue alarms is also claimed by tenant 'acme' at line 9: a queue can belong to"
                        + " one tenant only; remove it from one of them");
    }

    @Test
    void sameClaimTwiceInOneTenant() {
        assertThat(TenantFiles.problems(dir, """
                tenants:
                  - id: acme
                    attribution:
                      cidrs: [10.0.0.0/8, 10.0.0.0/8]
                """)).containsExactly(
                "tenants.yaml:4: CIDR 10.0.0.0/8 is listed twice for tenant 'acme' (also at line 4): remove one");
    }

    @Test
    void badValues() {
        assertThat(TenantFiles.problems(dir, """
                tenants:
                  - id: acme
                    timezone: Asia/Tokio
                    environment: Production
                    attribution:
                      cidrs:
                        - 10.0.0.1/8
                        - 10.0.0.0/33
                        - 10.0.0.256/32
                        - gateway.acme.example/24
                        - "::ffff:10.0.0.0/104"
                      hostnames: ["web 1.acme.example"]
                      awsAccounts: [12345]
                      snmpUsers: ["noc:SHA"]
                      sqsQueues: ["ftp://example/q", "bad queue"]
                """)).containsExactly(
                "tenants.yaml:3: timezone 'Asia/Tokio' is not an IANA time zone id: write e.g. Asia/Tokyo,"
                        + " Europe/Berlin or UTC (did you mean 'Asia/Tokyo'?)",
                "tenants.yaml:4: environment 'Production' must be a lower-case word such as production or staging"
                        + " (letters, digits, '-')",
                "tenants.yaml:7: cidrs: '10.0.0.1/8' has bits set after the first 8: write 10.0.0.0/8 (or a longer"
                        + " prefix if only part was meant)",
                "tenants.yaml:8: cidrs: '10.0.0.0/33' has an invalid prefix length: write a number from 0 to 32"
                        + " after '/'",
                "tenants.yaml:9: cidrs: '10.0.0.256/32' is not a CIDR: write an IPv4 or IPv6 prefix such as"
                        + " 10.20.0.0/16 or 2001:db8:20::/48 (names are not looked up)",
                "tenants.yaml:10: cidrs: 'gateway.acme.example/24' is not a CIDR: write an IPv4 or IPv6 prefix such"
                        + " as 10.20.0.0/16 or 2001:db8:20::/48 (names are not looked up)",
                "tenants.yaml:11: cidrs: '::ffff:10.0.0.0/104' is an IPv4-mapped IPv6 prefix, which never matches:"
                        + " senders are matched by their IPv4 address, so write the IPv4 prefix instead",
                "tenants.yaml:12: hostnames: 'web 1.acme.example' is not a host name or glob: use letters, digits,"
                        + " '.', '-', '_' and the wildcards '*' and '?', e.g. *.acme.example",
                "tenants.yaml:13: awsAccounts: '12345' is not an AWS account id: write its 12 digits,"
                        + " e.g. '012345678901'",
                "tenants.yaml:14: snmpUsers: 'noc:SHA' is not an SNMPv3 user name: 1-32 characters without spaces"
                        + " or ':'",
                "tenants.yaml:15: sqsQueues: 'ftp://example/q' is not an SQS queue URL: write it as the console shows"
                        + " it, e.g. https://sqs.ap-northeast-1.amazonaws.com/123456789012/acme-alarms, or give the"
                        + " queue name",
                "tenants.yaml:15: sqsQueues: 'bad queue' is not an SQS queue name: up to 80 letters, digits, '-' and"
                        + " '_' (FIFO queues end in .fifo), or give the queue URL");
    }

    @Test
    void routesMustNameSinksThisHubHas() {
        assertThat(TenantFiles.problems(dir, """
                tenants:
                  - id: acme
                    routes:
                      - sinks: [pagerdty]
                      - match: {severity: [critical]}
                      - sinks: [file]
                        continue: yes please
                        match:
                          severity: [critical]
                          minSeverity: urgent
                          layer: [disk]
                    secrets:
                      slack: env:ACME_SLACK
                """)).containsExactly(
                "tenants.yaml:4: route names sink 'pagerdty', which no delivery route defines (did you mean"
                        + " 'pagerduty'?); sinks of this hub: file, opsgenie, pagerduty",
                "tenants.yaml:5: this route of tenant 'acme' names no sink: add 'sinks: [NAME]'; sinks of this hub:"
                        + " file, opsgenie, pagerduty",
                "tenants.yaml:7: continue must be true or false, not 'yes please'",
                "tenants.yaml:10: give either severity (a list) or minSeverity, not both",
                "tenants.yaml:10: unknown severity 'urgent': use one of critical, major, minor, warning, info",
                "tenants.yaml:11: unknown layer 'disk': use one of hardware, network, os, middleware, application,"
                        + " cloud, unknown",
                "tenants.yaml:13: secrets names sink 'slack', which no delivery route defines; sinks of this hub:"
                        + " file, opsgenie, pagerduty");
    }

    @Test
    void secretsMustBeReferencesThatResolve() throws Exception {
        Files.writeString(dir.resolve("empty.key"), "  \n");
        assertThat(TenantFiles.problems(dir, """
                tenants:
                  - id: acme
                    attribution:
                      snmpCommunities: [s3cret-community]
                    secrets:
                      pagerduty: env:ACME_PD_KEY
                      opsgenie: file:missing.key
                      file: file:empty.key
                  - id: globex
                    secrets:
                      pagerduty: "0123456789abcdef0123456789abcdef"
                """)).containsExactly(
                "tenants.yaml:4: snmpCommunities of tenant 'acme': a secret is written here in clear: put it in an"
                        + " environment variable and write env:NAME, or in a file and write file:PATH",
                "tenants.yaml:6: secret of sink pagerduty of tenant 'acme': environment variable ACME_PD_KEY is not"
                        + " set: set it in the hub's environment, or point to a file with file:PATH",
                "tenants.yaml:7: secret of sink opsgenie of tenant 'acme': cannot read " + dir.toAbsolutePath()
                        + "/missing.key (NoSuchFileException): make it readable by the hub or correct the path",
                "tenants.yaml:8: secret of sink file of tenant 'acme': " + dir.toAbsolutePath()
                        + "/empty.key is empty: put the secret in it",
                "tenants.yaml:11: secret of sink pagerduty of tenant 'globex': a secret is written here in clear: put"
                        + " it in an environment variable and write env:NAME, or in a file and write file:PATH");
    }

    @Test
    void defaultTenantUnknownAndRunbooks() {
        assertThat(TenantFiles.problems(dir, """
                defaultTenant: acne
                unknown: drop
                runbooks:
                  - url: https://runbooks.example/${event}
                  - layer: hardware
                    url: https://runbooks.example/${evnt}
                  - event: "disk-*"
                    url: ftp://runbooks.example/x
                  - event: "disk-*"
                    url: https://runbooks.example/${event
                tenants:
                  - id: acme
                """)).containsExactly(
                "tenants.yaml:1: defaultTenant 'acne' is not a tenant of this file: did you mean 'acme'?",
                "tenants.yaml:2: unknown: 'drop' is not a choice: write 'default' (inputs no tenant claims go to"
                        + " defaultTenant) or 'reject' (they are dropped and counted)",
                "tenants.yaml:4: a runbook needs 'event:' (a glob) or 'layer:' to say which alerts it is for",
                "tenants.yaml:6: url uses ${evnt}, which alerts do not have: use dedupKey, event, fingerprint, host,"
                        + " ip, layer, resource, severity, site, status, tenant or labels.NAME (did you mean 'event'?)",
                "tenants.yaml:8: url 'ftp://runbooks.example/x' must start with https:// or http://",
                "tenants.yaml:10: url: unclosed placeholder at column 26 of 'https://runbooks.example/${event':"
                        + " close it with '}'");
    }

    @Test
    void structureMistakes() {
        assertThat(TenantFiles.problems(dir, "defaultTenant: acme\n")).containsExactly(
                "tenants.yaml:1: no 'tenants:' key: list the tenants under 'tenants:', each starting with '- id: ...'",
                "tenants.yaml:1: defaultTenant 'acme' is not a tenant of this file: declare it under 'tenants:' or"
                        + " name one that is declared");
        assertThat(TenantFiles.problems(dir, """
                tenants:
                  acme:
                    timezone: UTC
                """)).containsExactly(
                "tenants.yaml:2: 'tenants' must be a list: start each tenant with '- id: ...'");
        assertThat(TenantFiles.problems(dir, """
                tenants:
                  - id: acme
                    attribution:
                      cidrs:
                    routes: {sinks: file}
                """)).containsExactly(
                "tenants.yaml:4: cidrs is empty: give a value or remove the key",
                "tenants.yaml:5: routes must be a list: start each route with '- sinks: [...]'");
    }

    @Test
    void sourceSettingsAreCheckedByTheirConnectorAtTheirLine() {
        assertThat(TenantFiles.problems(dir, """
                tenants:
                  - id: acme
                    sources:
                      cloudwach: { defaultSeverity: minor }
                      cloudwatch:
                        defaultSeverity: urgent
                        severityTags: priority
                        insufficientDataSeverity: [info]
                        severityTag:
                  - id: globex
                    sources: cloudwatch
                """)).containsExactly(
                "tenants.yaml:4: unknown key 'cloudwach' in the sources of tenant 'acme' (did you mean"
                        + " 'cloudwatch'?); known keys: cloudwatch",
                "tenants.yaml:6: sources.cloudwatch.defaultSeverity of tenant 'acme': unknown severity 'urgent': use"
                        + " one of critical, major, minor, warning, info",
                "tenants.yaml:7: unknown key 'severityTags' in sources.cloudwatch (did you mean 'severityTag'?);"
                        + " known keys: severityTag, severityNamePattern, defaultSeverity, insufficientDataSeverity",
                "tenants.yaml:8: sources.cloudwatch.insufficientDataSeverity must be a single value, not a list or map",
                "tenants.yaml:9: sources.cloudwatch.severityTag is empty: give a value or remove the key",
                "tenants.yaml:11: sources must be a map of connector sections, e.g. 'cloudwatch: { defaultSeverity:"
                        + " minor }'; known sections: cloudwatch");
    }

    @Test
    void sourceSettingsNoInstalledConnectorReadsAreAProblem() throws Exception {
        Files.writeString(dir.resolve(TenantDirectory.FILE_NAME), """
                tenants:
                  - id: acme
                    sources:
                      cloudwatch: { defaultSeverity: minor }
                """);
        assertThatThrownBy(() -> TenantDirectory.load(dir, "default", DeliverySinks.named(TenantFiles.SINKS), Map.<String, String>of()::get,
                List.of()))
                .isInstanceOf(io.mimamori.config.ConfigException.class)
                .hasMessage(dir.toAbsolutePath().resolve("tenants.yaml") + ":4: sources: no installed connector reads"
                        + " per-tenant settings, so 'cloudwatch' has no effect: remove it, or install the connector"
                        + " that reads it in the distribution's lib/");
    }
}
