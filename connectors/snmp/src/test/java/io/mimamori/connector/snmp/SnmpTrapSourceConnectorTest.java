package io.mimamori.connector.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.Connector;
import io.mimamori.spi.ParameterSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnmpTrapSourceConnectorTest {

    private static Map<String, String> params(Path dir) {
        Map<String, String> p = new HashMap<>();
        p.put("name", "snmp");
        p.put("communities", "env:MIMAMORI_TEST_UNSET_VARIABLE");
        p.put("users", "env:MIMAMORI_TEST_UNSET_VARIABLE");
        p.put("definitionsDir", dir.toString());
        return p;
    }

    @Test
    void isFoundThroughTheServiceLoaderWithItsKameletParameters() {
        Connector c = ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("snmp-trap-source")).findFirst().orElseThrow();
        assertThat(c.kind()).isEqualTo(Connector.Kind.SOURCE);
        assertThat(c.description()).startsWith("Receives SNMPv1 and SNMPv2c traps");
        assertThat(c.parameters()).extracting(ParameterSpec::name).contains("udpPort", "communities", "users",
                "definitionsDir", "unknownSeverity", "engineId");
        assertThat(c.parameters()).filteredOn(ParameterSpec::secret).extracting(ParameterSpec::name)
                .containsExactlyInAnyOrder("communities", "users");
        assertThat(c.parameters()).filteredOn(p -> p.name().equals("udpPort")).singleElement()
                .satisfies(p -> assertThat(p.defaultValue()).isEqualTo("1162"));
    }

    @Test
    void aLiteralSecretIsRefusedSoItCannotEndUpInTheLog(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("10-empty.yaml"), "traps: []\n");
        Map<String, String> p = params(tmp);
        assertThat(new SnmpTrapSourceConnector().checkUse(p)).isEmpty();
        p.put("communities", "public");
        p.put("users", "ops:SHA-256:supersecret1:AES:supersecret2");
        List<ConfigProblem> problems = new SnmpTrapSourceConnector().checkUse(p);
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "communities holds the secret itself, which would be logged at start-up: put it in an environment"
                        + " variable and write env:NAME, or in a file and write file:PATH",
                "users holds the secret itself, which would be logged at start-up: put it in an environment variable"
                        + " and write env:NAME, or in a file and write file:PATH");
        assertThat(problems.toString()).doesNotContain("supersecret");
    }

    @Test
    void usersInAFileAreCheckedWithoutShowingThem(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("10-empty.yaml"), "traps: []\n");
        Path users = tmp.resolve("users");
        Files.writeString(users, "ops:SHA-999:supersecret1:AES:supersecret2\n");
        Map<String, String> p = params(tmp);
        p.put("users", "file:" + users);
        assertThat(new SnmpTrapSourceConnector().checkUse(p)).singleElement().satisfies(x -> assertThat(x.message())
                .startsWith("users: SNMPv3 user 'ops': unknown authentication protocol 'SHA-999'")
                .doesNotContain("supersecret"));
        p.put("users", "file:" + tmp.resolve("missing"));
        assertThat(new SnmpTrapSourceConnector().checkUse(p)).singleElement().satisfies(x -> assertThat(x.message())
                .startsWith("users: cannot read " + tmp.resolve("missing")));
    }

    @Test
    void invalidDefinitionsAreReportedWithFileAndLine(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("10-bad.yaml"), "traps:\n  - name: x\n    oid: 1.3.6.1.4.1.1.0.1\n    severity: hot\n"
                + "    layer: hardware\n");
        assertThat(new SnmpTrapSourceConnector().checkUse(params(tmp))).singleElement()
                .satisfies(x -> assertThat(x.toString()).isEqualTo(tmp.resolve("10-bad.yaml") + ":4: severity: unknown "
                        + "severity 'hot': use one of critical, major, minor, warning, info"));
    }

    @Test
    void secretReferencesResolveFromFilesAndTheEnvironment(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c");
        Files.writeString(f, "dc1-traps\nlegacy-ro\n");
        assertThat(SnmpEndpoint.communityList(SnmpEndpoint.secret("communities", "file:" + f)))
                .containsExactly("dc1-traps", "legacy-ro");
        assertThat(SnmpEndpoint.secret("communities", "env:MIMAMORI_TEST_UNSET_VARIABLE")).isEmpty();
        assertThat(SnmpEndpoint.secret("communities", "env:PATH")).isEqualTo(System.getenv("PATH").trim());
    }
}
