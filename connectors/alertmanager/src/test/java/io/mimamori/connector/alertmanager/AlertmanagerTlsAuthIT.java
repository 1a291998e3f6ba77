package io.mimamori.connector.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Severity;
import io.mimamori.spi.DeliveryException;
import io.mimamori.testing.TestCertificates;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink against a real Alertmanager that serves HTTPS and requires basic authentication
 * ({@code --web.config.file}). The sink trusts the test CA the way an operator makes the hub trust
 * a private CA: through the JVM's {@code javax.net.ssl.trustStore} (this class runs in a JVM of its own).
 */
class AlertmanagerTlsAuthIT {
    static final String USER = "mimamori";
    /** Given to the route as a property, as a secret is: never written in a route file. */
    static final String PASSWORD = "tls&auth+pw=%;)";
    @TempDir
    static Path dir;
    static AlertmanagerProcess am;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates.Issued ca = TestCertificates.selfSignedCa("mimamori-it-ca");
        TestCertificates.Issued server = TestCertificates.leaf("127.0.0.1", ca);
        Path cert = TestCertificates.writeCertificate(dir.resolve("server.pem"), server.certificate());
        Path key = TestCertificates.writePkcs8Key(dir.resolve("server-key.pem"), server.keys());

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("mimamori-it-ca", ca.certificate());
        Path trustStore = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, "changeit".toCharArray());
        }
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");

        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String hash = OpenBSDBCrypt.generate(PASSWORD.toCharArray(), salt, 10);
        String webConfig = """
                tls_server_config:
                  cert_file: %s
                  key_file: %s
                basic_auth_users:
                  %s: '%s'
                """.formatted(cert, key, USER, hash);
        HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.clientContext(ca.certificate(), null)).build();
        am = AlertmanagerProcess.start(dir, Duration.ofMinutes(5), webConfig, "https", client,
                Map.of("Authorization", basic(USER, PASSWORD)));
    }

    @AfterAll
    static void stop() {
        if (am != null) {
            am.close();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static SinkRoute route(String password) throws Exception {
        Properties settings = new Properties();
        settings.setProperty("mimamori.alertmanager.password", password);
        return SinkRoute.start(Map.of("url", am.baseUrl(), "username", USER,
                "password", "RAW({{mimamori.alertmanager.password}})"), settings);
    }

    @Test
    void anAuthenticatedPostOverHttpsIsAccepted() throws Exception {
        assertThat(am.baseUrl()).startsWith("https://");
        Alert a = TestAlerts.raidDegraded("tls-acme", "db1", Severity.CRITICAL, Instant.now());
        try (SinkRoute r = route(PASSWORD)) {
            r.deliver(a);
        }
        assertThat(am.alerts("fingerprint=\"" + a.fingerprint() + "\"")).singleElement()
                .satisfies(n -> assertThat(n.path("labels").path("severity").asText()).isEqualTo("critical"));
    }

    @Test
    void aWrongPasswordIsRejectedWithoutSayingIt() throws Exception {
        String wrong = "not-" + PASSWORD;
        Alert a = TestAlerts.raidDegraded("tls-acme", "db2", Severity.CRITICAL, Instant.now());
        try (SinkRoute r = route(wrong)) {
            DeliveryException e = r.refused(a);
            assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.REJECTED);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).startsWith("Alertmanager API v2 at " + am.baseUrl() + " answered HTTP 401")
                    .doesNotContain(wrong, PASSWORD, basic(USER, wrong).substring(6));
        }
        assertThat(am.alerts("fingerprint=\"" + a.fingerprint() + "\"")).isEmpty();
    }
}
