package io.mimamori.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.tenant.TenantResolver.Resolution;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tenant an input belongs to when several kinds of evidence point different ways. */
class TenantLookupTest {
    @TempDir
    Path dir;

    private TenantDirectory d;

    @BeforeEach
    void load() {
        d = TenantFiles.load(dir, """
                tenants:
                  - id: by-cidr
                    attribution:
                      cidrs: [10.0.0.0/8, "2001:db8::/32", 0.0.0.0/0]
                  - id: by-longer-cidr
                    attribution:
                      cidrs: [10.1.0.0/16, 10.1.2.3, "2001:db8:1::/48", "2001:db8:1::99"]
                  - id: by-host
                    attribution:
                      hostnames: [gw1.acme.example, "*.acme.example", "*"]
                  - id: by-longer-glob
                    attribution:
                      hostnames: ["*.eu.acme.example", "db-??.acme.example", "*-stg.acme.example"]
                  - id: by-community
                    attribution:
                      snmpCommunities: [env:COMMUNITIES]
                  - id: by-user
                    attribution:
                      snmpUsers: [noc-v3]
                  - id: by-account
                    attribution:
                      awsAccounts: ["111122223333"]
                  - id: by-queue
                    attribution:
                      sqsQueues:
                        - https://sqs.eu-west-1.amazonaws.com/111122223333/shared-alarms
                        - team-alarms
                """, Map.of("COMMUNITIES", "comm-a, comm-b"));
    }

    private String tenant(TenantClaims claims) {
        Resolution r = d.resolve(claims);
        assertThat(r.matched()).isTrue();
        return r.tenant();
    }

    @Test
    void queueBeatsAccountBeatsUserBeatsCommunityBeatsHostBeatsAddress() {
        String url = "https://sqs.eu-west-1.amazonaws.com/111122223333/shared-alarms";
        assertThat(tenant(new TenantClaims("10.1.2.3", "gw1.acme.example", "comm-a", "noc-v3", "111122223333", url)))
                .isEqualTo("by-queue");
        assertThat(tenant(new TenantClaims("10.1.2.3", "gw1.acme.example", "comm-a", "noc-v3", "111122223333",
                "other-queue"))).isEqualTo("by-account");
        assertThat(tenant(new TenantClaims("10.1.2.3", "gw1.acme.example", "comm-a", "noc-v3", "999999999999", null)))
                .isEqualTo("by-user");
        assertThat(tenant(new TenantClaims("10.1.2.3", "gw1.acme.example", "comm-b", "someone", null, null)))
                .isEqualTo("by-community");
        assertThat(tenant(new TenantClaims("10.1.2.3", "gw1.acme.example", "wrong", null, null, null)))
                .isEqualTo("by-host");
        assertThat(tenant(TenantClaims.ofAddress("10.1.2.3", null))).isEqualTo("by-longer-cidr");
    }

    @Test
    void queuesMatchByUrlOrName() {
        assertThat(tenant(TenantClaims.ofAws(null, "shared-alarms"))).isEqualTo("by-queue");
        assertThat(tenant(TenantClaims.ofAws(null, "HTTPS://SQS.eu-west-1.amazonaws.com/111122223333/shared-alarms/")))
                .isEqualTo("by-queue");
        assertThat(tenant(TenantClaims.ofAws(null, "https://sqs.us-east-1.amazonaws.com/444455556666/team-alarms")))
                .isEqualTo("by-queue");
        assertThat(d.resolve(TenantClaims.ofAws(null, "Shared-Alarms")).matched()).isFalse();
    }

    @Test
    void longestPrefixWins() {
        assertThat(tenant(TenantClaims.ofAddress("10.1.2.3", null))).isEqualTo("by-longer-cidr");
        assertThat(tenant(TenantClaims.ofAddress("10.1.2.4", null))).isEqualTo("by-longer-cidr");
        assertThat(tenant(TenantClaims.ofAddress("10.2.0.1", null))).isEqualTo("by-cidr");
        assertThat(tenant(TenantClaims.ofAddress("192.0.2.1", null))).isEqualTo("by-cidr");
        assertThat(tenant(TenantClaims.ofAddress("::ffff:10.1.9.9", null))).isEqualTo("by-longer-cidr");
        assertThat(tenant(TenantClaims.ofAddress("2001:db8:1::99", null))).isEqualTo("by-longer-cidr");
        assertThat(tenant(TenantClaims.ofAddress("2001:db8:1:ffff::1", null))).isEqualTo("by-longer-cidr");
        assertThat(tenant(TenantClaims.ofAddress("2001:db8:2::1", null))).isEqualTo("by-cidr");
        assertThat(d.resolve(TenantClaims.ofAddress("2001:db9::1", null))).isEqualTo(new Resolution("default", false));
    }

    @Test
    void hostnamesExactThenMostSpecificGlob() {
        assertThat(tenant(TenantClaims.ofAddress(null, "gw1.acme.example"))).isEqualTo("by-host");
        assertThat(tenant(TenantClaims.ofAddress(null, "GW1.Acme.Example."))).isEqualTo("by-host");
        assertThat(tenant(TenantClaims.ofAddress(null, "web1.acme.example"))).isEqualTo("by-host");
        assertThat(tenant(TenantClaims.ofAddress(null, "web1.eu.acme.example"))).isEqualTo("by-longer-glob");
        assertThat(tenant(TenantClaims.ofAddress(null, "a.b.eu.acme.example"))).isEqualTo("by-longer-glob");
        assertThat(tenant(TenantClaims.ofAddress(null, "db-01.acme.example"))).isEqualTo("by-longer-glob");
        assertThat(tenant(TenantClaims.ofAddress(null, "db-001.acme.example"))).isEqualTo("by-host");
        assertThat(tenant(TenantClaims.ofAddress(null, "web-stg.acme.example"))).isEqualTo("by-longer-glob");
        assertThat(tenant(TenantClaims.ofAddress(null, "acme.example"))).isEqualTo("by-host");
        assertThat(tenant(TenantClaims.ofAddress("10.1.2.3", "anything"))).isEqualTo("by-host");
    }

    @Test
    void addressThatIsNoLiteralFallsThroughWithoutLookingItUp() {
        TenantDirectory cidrOnly = TenantFiles.load(dir, """
                tenants:
                  - id: acme
                    attribution: {cidrs: [127.0.0.0/8]}
                """);
        assertThat(cidrOnly.resolve(TenantClaims.ofAddress("localhost", null)))
                .isEqualTo(new Resolution("default", false));
        assertThat(cidrOnly.resolve(TenantClaims.ofAddress("127.0.0.1", null))).isEqualTo(new Resolution("acme", true));
    }
}
