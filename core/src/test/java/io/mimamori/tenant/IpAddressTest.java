package io.mimamori.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "192.0.2.1 | 192.0.2.1",
            "0.0.0.0 | 0.0.0.0",
            "255.255.255.255 | 255.255.255.255",
            "2001:db8::1 | 2001:db8::1",
            "2001:DB8:0:0:0:0:0:1 | 2001:db8::1",
            ":: | ::",
            "::1 | ::1",
            "fe80::1%eth0 | fe80::1",
            "[2001:db8::7] | 2001:db8::7",
            "1:2:3:4:5:6:7:: | 1:2:3:4:5:6:7:0",
            "::2:3:4:5:6:7:8 | 0:2:3:4:5:6:7:8",
            "2001:db8:0:1:0:0:1:1 | 2001:db8:0:1::1:1",
            "64:ff9b::192.0.2.33 | 64:ff9b::c000:221",
            "::ffff:192.0.2.1 | 192.0.2.1",
            "::FFFF:c000:0201 | 192.0.2.1",
    })
    void parsesLiterals(String text, String normalized) {
        assertThat(IpAddress.parse(text)).hasToString(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1.2.3.4 x", "a.b.c.d", "localhost",
            "web1.example", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:", "12345::", "::g", "1.2.3.4::",
            "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "١.٢.٣.٤", "-1.2.3.4"})
    void rejectsWhatIsNotALiteral(String text) {
        assertThat(IpAddress.parse(text)).isNull();
    }

    @Test
    void agreesWithTheJdkOnRandomAddresses() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[i % 2 == 0 ? 4 : 16];
            random.nextBytes(bytes);
            if (bytes.length == 16 && i % 3 == 0) {
                java.util.Arrays.fill(bytes, 4, 4 + random.nextInt(12), (byte) 0);
            }
            InetAddress jdk = InetAddress.getByAddress(bytes);
            IpAddress ours = IpAddress.parse(jdk.getHostAddress());
            assertThat(InetAddress.getByName(ours.toString())).isEqualTo(jdk);
        }
    }
}
