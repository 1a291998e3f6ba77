package io.mimamori.connector.snmp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivDES;

class UsmUserSpecTest {
    @Test
    void parsesEveryLevelAndTheNetSnmpProtocolNames() {
        var users = UsmUserSpec.parseAll("ops:SHA-256:authpass123:AES:privpass123\n legacy:md5:authpass123:des:privpass123 "
                + "watcher:SHA:authpass123 anon");
        assertThat(users).extracting(UsmUserSpec::securityLevel)
                .containsExactly("authPriv", "authPriv", "authNoPriv", "noAuthNoPriv");
        assertThat(users.get(0).authProtocol()).isEqualTo(AuthHMAC192SHA256.ID);
        assertThat(users.get(0).privProtocol()).isEqualTo(PrivAES128.ID);
        assertThat(users.get(1).authProtocol()).isEqualTo(AuthMD5.ID);
        assertThat(users.get(1).privProtocol()).isEqualTo(PrivDES.ID);
    }

    @Test
    void errorsNameTheUserButNeverAPassword() {
        assertThatThrownBy(() -> UsmUserSpec.parseAll("ops:SHA-257:supersecret1:AES:supersecret2"))
                .hasMessage("SNMPv3 user 'ops': unknown authentication protocol 'SHA-257'; use one of MD5, SHA, SHA-224, "
                        + "SHA-256, SHA-384, SHA-512")
                .message().doesNotContain("supersecret");
        assertThatThrownBy(() -> UsmUserSpec.parseAll("ops:SHA:short"))
                .hasMessageContaining("shorter than 8 characters").message().doesNotContain("short:");
        assertThatThrownBy(() -> UsmUserSpec.parseAll("ops:SHA:authpass123:AES"))
                .hasMessageStartingWith("SNMPv3 user 'ops' has 4 ':'-separated fields");
        assertThatThrownBy(() -> UsmUserSpec.parseAll("a b a")).hasMessageContaining("given twice");
        assertThat(UsmUserSpec.parseAll("ops:SHA:authpass123:AES:privpass123").get(0).toString())
                .isEqualTo("ops (authPriv, SHA/AES)");
    }
}
