package io.mimamori.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which secret a sink sends for a tenant: tenants.yaml's for the delivery route, the route's map, the route's default. */
class TenantSecretsTest {
    /** tenants.yaml: acme has its own key for the delivery route "pd", initech for "pd-eu" only. */
    private static final SinkSecretLookup FILE = (tenant, sink) -> Map.of(
            "acme/pd", "acme-file-key", "initech/pd-eu", "initech-file-key").get(tenant + "/" + sink);

    private static TenantSecrets secrets(String fallback, String map, SinkSecretLookup file) {
        return TenantSecrets.of("pagerduty-sink", "routing key", "routingKey", fallback, "tenantRoutingKeys", map, file);
    }

    @Test
    void tenantsFileFirstThenTheRoutesMapThenItsDefault() {
        TenantSecrets s = secrets("default-key", "globex=globex-route-key,initech=initech-route-key", FILE);
        assertThat(s.forTenant("acme", "pd")).isEqualTo("acme-file-key");
        assertThat(s.forTenant("globex", "pd")).isEqualTo("globex-route-key");
        assertThat(s.forTenant("initech", "pd")).as("its tenants.yaml key is for another route").isEqualTo("initech-route-key");
        assertThat(s.forTenant("initech", "pd-eu")).isEqualTo("initech-file-key");
        assertThat(s.forTenant("hooli", "pd")).isEqualTo("default-key");
    }

    @Test
    void outsideADeliveryRouteOnlyTheParametersCount() {
        TenantSecrets s = secrets("default-key", "", FILE);
        assertThat(s.forTenant("acme", null)).isEqualTo("default-key");
        assertThat(s.forTenant("acme")).isEqualTo("default-key");
    }

    @Test
    void withATenantsFileNeitherParameterIsNeededButATenantWithoutKeyHasNone() {
        TenantSecrets s = secrets("", "", FILE);
        assertThat(s.forTenant("acme", "pd")).isEqualTo("acme-file-key");
        assertThat(s.forTenant("globex", "pd")).isNull();
        assertThat(s.all()).isEmpty();
        assertThat(s.allAnd("acme-file-key")).containsExactly("acme-file-key");
    }

    @Test
    void withoutATenantsFileSomeParameterIsNeeded() {
        assertThatThrownBy(() -> secrets("", "", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pagerduty-sink has no routing key: set routingKey, tenantRoutingKeys or both");
    }

    @Test
    void aMissingKeyIsRejectedNamingTenantSinkAndWhereKeysGo() {
        TenantSecrets s = secrets("", "globex=globex-route-key", FILE);
        DeliveryException fromRoute = s.missing("PagerDuty", "hooli", "pd");
        assertThat(fromRoute.verdict()).isEqualTo(DeliveryException.Verdict.REJECTED);
        assertThat(fromRoute.getMessage()).isEqualTo("no PagerDuty routing key for tenant 'hooli' on sink 'pd': give the"
                + " tenant one under secrets: in tenants.yaml (pd: env:NAME), add it to tenantRoutingKeys or set routingKey");
        assertThat(s.missing("PagerDuty", "hooli", null).getMessage())
                .isEqualTo("no PagerDuty routing key for tenant 'hooli': add it to tenantRoutingKeys or set routingKey");
    }
}
