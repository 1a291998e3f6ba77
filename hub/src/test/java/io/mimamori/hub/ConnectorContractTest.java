package io.mimamori.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mimamori.spi.Connector;
import io.mimamori.spi.ParameterSpec;
import java.io.InputStream;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Every connector module on the class path keeps the plug-in contract: found through
 * META-INF/services, named after the kamelet it ships, kind matching its name, parameters
 * documented; and the module boundaries hold (core knows no connector, connectors know neither
 * each other nor the hub, nobody reaches into another module's internal package).
 */
class ConnectorContractTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mimamori");

    @Test
    void everyRegisteredConnectorShipsItsKameletAndDocumentsItsParameters() throws Exception {
        Map<String, Connector> all = ConnectorCatalog.load();
        assertThat(all).isNotEmpty();
        assertThat(ServiceLoader.load(Connector.class).stream().count()).isEqualTo(all.size());
        for (Connector c : all.values()) {
            String suffix = c.kind() == Connector.Kind.SOURCE ? "-source" : "-sink";
            assertThat(c.name()).as("connector name").endsWith(suffix).matches("[a-z0-9-]+");
            try (InputStream k = c.getClass().getClassLoader()
                    .getResourceAsStream("kamelets/" + c.name() + ".kamelet.yaml")) {
                assertThat(k).as("kamelets/%s.kamelet.yaml", c.name()).isNotNull();
            }
            assertThat(c.getClass().getPackageName()).startsWith("io.mimamori.connector.");
            assertThat(c.description()).as("%s description", c.name()).isNotBlank();
            assertThat(c.version()).isNotBlank();
            for (ParameterSpec p : c.parameters()) {
                assertThat(p.title()).as("%s.%s title", c.name(), p.name()).isNotBlank();
                assertThat(p.description()).as("%s.%s description", c.name(), p.name()).isNotBlank();
                if (p.defaultValue() != null && !p.defaultValue().contains("{{")) {
                    assertThat(p.check(p.defaultValue())).as("%s.%s default", c.name(), p.name()).isNull();
                }
            }
        }
    }

    @Test
    void coreKnowsNoConnectorAndNoHub() {
        noClasses().that().resideInAPackage("io.mimamori.(alert|config|spi|pipeline|outbox|lifecycle|tenant|ruletest)..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mimamori.connector..", "io.mimamori.hub..")
                .check(CLASSES);
    }

    @Test
    void connectorsDoNotKnowTheHub() {
        noClasses().that().resideInAPackage("io.mimamori.connector..")
                .should().dependOnClassesThat().resideInAPackage("io.mimamori.hub..")
                .check(CLASSES);
    }

    /** The connector modules on the hub's class path, by package: io.mimamori.connector.NAME. */
    private static java.util.Set<String> connectorPackages() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (var c : CLASSES) {
            String pkg = c.getPackageName();
            if (pkg.startsWith("io.mimamori.connector.")) {
                names.add(pkg.split("\\.")[3]);
            }
        }
        return names;
    }

    @Test
    void internalPackagesStayInsideTheirConnector() {
        assertThat(connectorPackages()).contains("syslog", "snmp", "file", "webhook", "pagerduty", "opsgenie", "alertmanager");
        for (String name : connectorPackages()) {
            noClasses().that().resideOutsideOfPackage("io.mimamori.connector." + name + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.mimamori.connector." + name + ".internal..")
                    .check(CLASSES);
        }
    }

    @Test
    void connectorsDoNotKnowEachOtherAndTheHubKnowsNoConnector() {
        for (String a : connectorPackages()) {
            for (String b : connectorPackages()) {
                if (!a.equals(b)) {
                    noClasses().that().resideInAPackage("io.mimamori.connector." + a + "..")
                            .should().dependOnClassesThat().resideInAPackage("io.mimamori.connector." + b + "..")
                            .check(CLASSES);
                }
            }
        }
        noClasses().that().resideInAPackage("io.mimamori.hub..")
                .should().dependOnClassesThat().resideInAPackage("io.mimamori.connector..")
                .check(CLASSES);
    }
}
