package io.mimamori.connector.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.Connector;
import io.mimamori.spi.ParameterSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AlertmanagerSinkConnectorTest {
    static final String SECRET = "s3cr3t-Pa55";
    final AlertmanagerSinkConnector connector = new AlertmanagerSinkConnector();

    @Test
    void isFoundAsASinkWithTheKameletsParameters() {
        assertThat(ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::type))
                .contains(AlertmanagerSinkConnector.class);
        assertThat(connector.name()).isEqualTo("alertmanager-sink");
        assertThat(connector.kind()).isEqualTo(Connector.Kind.SINK);
        assertThat(connector.description()).startsWith("Delivers alerts to a Prometheus Alertmanager");
        Map<String, ParameterSpec> p = connector.parameters().stream()
                .collect(Collectors.toMap(ParameterSpec::name, Function.identity()));
        assertThat(p.get("url").required()).isTrue();
        assertThat(p.get("password").secret()).isTrue();
        assertThat(p.get("bearerToken").secret()).isTrue();
        assertThat(p.get("username").secret()).isFalse();
        assertThat(p.get("endsAtAfterSeconds").defaultValue()).isEqualTo("240");
        assertThat(p.get("endsAtAfterSeconds").check("-1")).contains("at least 0");
        assertThat(connector.health().state().name()).isEqualTo("UNKNOWN");
    }

    @Test
    void aGoodUseHasNoProblem() {
        assertThat(connector.checkUse(Map.of("url", "https://am.example.com:9093", "bearerToken", SECRET,
                "headers", "X-Scope-OrgID: acme; X-Team: ops"))).isEmpty();
    }

    @Test
    void valuesWrappedInRawAreCheckedAsTheSinkReceivesThem() {
        assertThat(connector.checkUse(Map.of("url", "RAW(https://am.example.com/p?a=1&b=2)",
                "username", "RAW(ops)", "password", "RAW(" + SECRET + "&x)", "bearerToken", "RAW()"))).isEmpty();
        assertThat(problem(Map.of("url", "RAW{ftp://am}"))).contains("url 'ftp://am' must start with http://");
    }

    @Test
    void badUrlsAreReportedWithWhatToDo() {
        assertThat(problem(Map.of())).isEqualTo("alertmanager-sink 'alertmanager': url is missing: give the"
                + " Alertmanager's base URL, e.g. http://alertmanager:9093");
        assertThat(problem(Map.of("name", "am-tokyo", "url", "alertmanager:9093")))
                .isEqualTo("alertmanager-sink 'am-tokyo': url 'alertmanager:9093' must start with http:// or https://");
        assertThat(problem(Map.of("url", "ftp://am.example.com"))).contains("must start with http:// or https://");
        assertThat(problem(Map.of("url", "http://am example.com"))).contains("is not a valid URL");
        assertThat(problem(Map.of("url", "http:///api/v2/alerts"))).contains("has no host");
        assertThat(problem(Map.of("url", "http://am:9093/api/v1/alerts"))).contains("API v1");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutRepeatingThem() {
        String p = problem(Map.of("url", "https://ops:" + SECRET + "@am.example.com"));
        assertThat(p).contains("must not contain credentials").contains("username and password");
        assertThat(p).doesNotContain(SECRET);
        assertThat(problem(Map.of("url", "https://ops:" + SECRET + "@am example.com"))).doesNotContain(SECRET);
    }

    @Test
    void authenticationMustBeOneCompleteWay() {
        assertThat(problem(Map.of("url", "http://am:9093", "username", "ops")))
                .contains("username is given but password is not");
        assertThat(problem(Map.of("url", "http://am:9093", "password", SECRET)))
                .contains("password is given but username is not").doesNotContain(SECRET);
        assertThat(problem(Map.of("url", "http://am:9093", "username", "ops", "password", SECRET, "bearerToken", SECRET)))
                .contains("give only one way to authenticate").doesNotContain(SECRET);
    }

    @Test
    void headersMustBeNamePairsAndCannotCarryCredentials() {
        assertThat(problem(Map.of("url", "http://am:9093", "headers", "X-Scope-OrgID=acme")))
                .contains("is not 'Name: value'");
        assertThat(problem(Map.of("url", "http://am:9093", "headers", "Authorization: Bearer " + SECRET)))
                .contains("use bearerToken").doesNotContain(SECRET);
        assertThat(problem(Map.of("url", "http://am:9093", "headers", "Content-Type: text/plain")))
                .contains("the sink sets it itself");
    }

    @Test
    void theAlertsPathIsAppendedToTheBaseUrl() {
        assertThat(uri("http://am:9093")).isEqualTo("http://am:9093/api/v2/alerts");
        assertThat(uri("http://am:9093/")).isEqualTo("http://am:9093/api/v2/alerts");
        assertThat(uri("https://gw.example.com/alertmanager/")).isEqualTo("https://gw.example.com/alertmanager/api/v2/alerts");
        assertThat(uri("http://am:9093/api/v2/alerts")).isEqualTo("http://am:9093/api/v2/alerts");
        assertThat(uri("http://AM:9093/x?tenant=a")).isEqualTo("http://AM:9093/x/api/v2/alerts?tenant=a");
    }

    @Test
    void aRouteWithABadUrlDoesNotStartAndSaysWhy() {
        assertThatThrownBy(() -> SinkRoute.start(Map.of("url", "alertmanager:9093")).close())
                .hasStackTraceContaining("alertmanager-sink 'alertmanager': url 'alertmanager:9093' must start with"
                        + " http:// or https://");
    }

    @Test
    void theSettingsNeverPrintACredential() {
        Map<String, String> p = new HashMap<>(Map.of("url", "https://am.example.com", "username", "ops", "password", SECRET));
        AlertmanagerSinkConfig basic = AlertmanagerSinkConfig.of(p);
        assertThat(basic.authenticated()).isTrue();
        assertThat(basic.toString()).isEqualTo("alertmanager-sink 'alertmanager' to https://am.example.com/api/v2/alerts"
                + " (authenticated), endsAt now + 240s");
        assertThat(basic.headers().get("Authorization")).isEqualTo("Basic b3BzOnMzY3IzdC1QYTU1");
    }

    private String problem(Map<String, String> parameters) {
        List<ConfigProblem> problems = connector.checkUse(parameters);
        assertThat(problems).as("problems of %s", parameters.keySet()).hasSize(1);
        return problems.get(0).toString();
    }

    private static String uri(String url) {
        return AlertmanagerSinkConfig.of(Map.of("url", url)).alertsUri().toString();
    }
}
