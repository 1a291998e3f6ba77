package io.mimamori.connector.snmp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawMessagesTest {

    /** A v2c trap message: SEQUENCE { version 1, community, SNMPv2-Trap-PDU with no variable bindings }. */
    private static byte[] v2cMessage(String community) {
        byte[] c = community.getBytes(StandardCharsets.US_ASCII);
        byte[] pdu = {(byte) 0xa7, 0x0b, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x00};
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x01, 0x04, (byte) c.length});
        body.writeBytes(c);
        body.writeBytes(pdu);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x30);
        out.write(body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    @Test
    void theCommunityIsStarredAndEverythingElseKept() {
        byte[] message = v2cMessage("s3cret-community");
        byte[] kept = RawMessages.withoutCommunity(message);
        String text = new String(kept, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("s3cret").contains("****************");
        assertThat(kept).hasSameSizeAs(message);
        int differing = 0;
        for (int i = 0; i < kept.length; i++) {
            differing += kept[i] != message[i] ? 1 : 0;
        }
        assertThat(differing).isEqualTo("s3cret-community".length());
        assertThat(kept[0]).isEqualTo((byte) 0x30);
    }

    @Test
    void garbageIsStarredWhole() {
        byte[] junk = {0x30, (byte) 0x84, 1, 2, 3, 4, 5};
        assertThat(RawMessages.withoutCommunity(junk)).containsOnly((byte) '*');
        assertThat(RawMessages.withoutCommunity(new byte[0])).isEmpty();
    }

    @Test
    void aV3MessageIsKeptAsItIs() {
        byte[] v3 = {0x30, 0x05, 0x02, 0x01, 0x03, 0x04, 0x00};
        assertThat(RawMessages.withoutCommunity(v3)).isEqualTo(v3);
    }
}
