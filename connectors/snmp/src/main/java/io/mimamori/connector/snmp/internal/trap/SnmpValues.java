package io.mimamori.connector.snmp.internal.trap;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/** SNMP4J variables as {@link Varbind}s: text a human and a template can use, raw bytes kept. */
public final class SnmpValues {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private SnmpValues() {
    }

    public static Varbind of(VariableBinding vb) {
        return of(vb.getOid().toDottedString(), vb.getVariable());
    }

    public static Varbind of(String oid, Variable v) {
        if (v instanceof OctetString s && !(v instanceof Opaque)) {
            byte[] bytes = s.getValue();
            return new Varbind(oid, "octets", octetText(bytes), bytes);
        }
        if (v instanceof OID o) {
            return new Varbind(oid, "oid", o.toDottedString(), null);
        }
        if (v instanceof IpAddress ip) {
            return new Varbind(oid, "ip", ip.getInetAddress() == null ? ip.toString()
                    : ip.getInetAddress().getHostAddress(), null);
        }
        if (v instanceof TimeTicks t) {
            return new Varbind(oid, "timeticks", Long.toString(t.getValue()), null);
        }
        if (v instanceof Counter64 c) {
            return new Varbind(oid, "counter64", Long.toUnsignedString(c.getValue()), null);
        }
        if (v instanceof UnsignedInteger32 u) {
            return new Varbind(oid, "unsigned", Long.toString(u.getValue()), null);
        }
        if (v instanceof org.snmp4j.smi.Integer32 i) {
            return new Varbind(oid, "integer", Integer.toString(i.getValue()), null);
        }
        if (v instanceof Opaque o) {
            return new Varbind(oid, "opaque", HEX.formatHex(o.getValue()), o.getValue());
        }
        if (v == null || v instanceof Null) {
            return new Varbind(oid, "null", "", null);
        }
        return new Varbind(oid, v.getSyntaxString().toLowerCase(java.util.Locale.ROOT), v.toString(), null);
    }

    /** UTF-8 text when the bytes are printable UTF-8 (tabs and line breaks allowed), else hex pairs. */
    public static String octetText(byte[] bytes) {
        if (bytes.length == 0) {
            return "";
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--; // a C string's terminating NUL, as some agents send
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end)).toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                    return HEX.formatHex(bytes);
                }
            }
            return end == 0 ? HEX.formatHex(bytes) : s;
        } catch (CharacterCodingException e) {
            return HEX.formatHex(bytes);
        }
    }
}
