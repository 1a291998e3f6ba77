package io.mimamori.connector.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs net-snmp's command-line tools (Debian package snmp) for the integration tests. */
final class NetSnmp {
    record Result(int exitCode, String output) {
    }

    private NetSnmp() {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        // no MIB loading: numeric OIDs only, and no warnings about missing MIB files
        cmd.addAll(1, List.of("-m", "", "-M", "/nonexistent"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(cmd + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    /** A v2c trap message as bytes (for corrupting): community, trap OID and one ifIndex varbind. */
    static byte[] v2cTrapBytes(String community, String trapOid, int ifIndex) {
        byte[] c = community.getBytes(StandardCharsets.US_ASCII);
        byte[] oid = oid(trapOid);
        byte[] vb1 = tlv(0x30, concat(tlv(0x06, oid("1.3.6.1.2.1.1.3.0")), tlv(0x43, new byte[] {1})));
        byte[] vb2 = tlv(0x30, concat(tlv(0x06, oid("1.3.6.1.6.3.1.1.4.1.0")), tlv(0x06, oid)));
        byte[] vb3 = tlv(0x30, concat(tlv(0x06, oid("1.3.6.1.2.1.2.2.1.1." + ifIndex)), tlv(0x02, new byte[] {(byte) ifIndex})));
        byte[] pdu = tlv(0xa7, concat(tlv(0x02, new byte[] {1}), tlv(0x02, new byte[] {0}), tlv(0x02, new byte[] {0}),
                tlv(0x30, concat(vb1, vb2, vb3))));
        return tlv(0x30, concat(tlv(0x02, new byte[] {1}), tlv(0x04, c), pdu));
    }

    private static byte[] oid(String dotted) {
        String[] p = dotted.split("\\.");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(Integer.parseInt(p[0]) * 40 + Integer.parseInt(p[1]));
        for (int i = 2; i < p.length; i++) {
            long v = Long.parseLong(p[i]);
            byte[] tmp = new byte[10];
            int n = 0;
            do {
                tmp[n++] = (byte) (v & 0x7f);
                v >>= 7;
            } while (v > 0);
            for (int j = n - 1; j >= 0; j--) {
                out.write(tmp[j] | (j > 0 ? 0x80 : 0));
            }
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(tag);
        if (value.length < 128) {
            out.write(value.length);
        } else {
            out.write(0x82);
            out.write(value.length >> 8);
            out.write(value.length & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
