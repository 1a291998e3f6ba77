package io.mimamori.connector.snmp.internal.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.Priv3DES;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.smi.OID;

/**
 * One SNMPv3 USM user as configured: {@code NAME}, {@code NAME:AUTH:AUTHPASS} or
 * {@code NAME:AUTH:AUTHPASS:PRIV:PRIVPASS}. Its {@link #toString()} never shows a password.
 */
public record UsmUserSpec(String name, String auth, String authPassword, String priv, String privPassword) {

    /** Authentication protocols by the names net-snmp's {@code -a} option uses. */
    static final Map<String, OID> AUTH = Map.of(
            "MD5", AuthMD5.ID, "SHA", AuthSHA.ID, "SHA-1", AuthSHA.ID,
            "SHA-224", AuthHMAC128SHA224.ID, "SHA-256", AuthHMAC192SHA256.ID,
            "SHA-384", AuthHMAC256SHA384.ID, "SHA-512", AuthHMAC384SHA512.ID);
    /** Privacy protocols by the names net-snmp's {@code -x} option uses. */
    static final Map<String, OID> PRIV = Map.of(
            "DES", PrivDES.ID, "3DES", Priv3DES.ID, "AES", PrivAES128.ID, "AES-128", PrivAES128.ID,
            "AES-192", PrivAES192.ID, "AES-256", PrivAES256.ID);
    /** RFC 3414 section 11.2: shorter passwords are refused. */
    static final int MIN_PASSWORD = 8;

    /**
     * Parses the {@code users} parameter: entries separated by whitespace.
     *
     * @throws IllegalArgumentException naming the entry (by user name, never its passwords) and what to write
     */
    public static List<UsmUserSpec> parseAll(String text) {
        List<UsmUserSpec> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String entry : text.trim().split("\\s+")) {
            UsmUserSpec u = parse(entry);
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("SNMPv3 user '" + u.name() + "' is given twice: keep one entry per user");
            }
            out.add(u);
        }
        return out;
    }

    static UsmUserSpec parse(String entry) {
        String[] f = entry.split(":", -1);
        String name = f[0];
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an SNMPv3 user entry has no name: write NAME:AUTH:AUTHPASS:PRIV:PRIVPASS");
        }
        if (f.length == 1) {
            return new UsmUserSpec(name, null, null, null, null);
        }
        if (f.length != 3 && f.length != 5) {
            throw new IllegalArgumentException("SNMPv3 user '" + name + "' has " + f.length
                    + " ':'-separated fields; write NAME, NAME:AUTH:AUTHPASS or NAME:AUTH:AUTHPASS:PRIV:PRIVPASS");
        }
        String auth = f[1].toUpperCase(Locale.ROOT);
        if (!AUTH.containsKey(auth)) {
            throw new IllegalArgumentException("SNMPv3 user '" + name + "': unknown authentication protocol '" + f[1]
                    + "'; use one of MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512");
        }
        checkPassword(name, "authentication", f[2]);
        if (f.length == 3) {
            return new UsmUserSpec(name, auth, f[2], null, null);
        }
        String priv = f[3].toUpperCase(Locale.ROOT);
        if (!PRIV.containsKey(priv)) {
            throw new IllegalArgumentException("SNMPv3 user '" + name + "': unknown privacy protocol '" + f[3]
                    + "'; use one of DES, 3DES, AES, AES-128, AES-192, AES-256");
        }
        checkPassword(name, "privacy", f[4]);
        return new UsmUserSpec(name, auth, f[2], priv, f[4]);
    }

    private static void checkPassword(String name, String which, String password) {
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("SNMPv3 user '" + name + "': the " + which + " password is shorter than "
                    + MIN_PASSWORD + " characters, which USM (RFC 3414) does not allow");
        }
    }

    public OID authProtocol() {
        return auth == null ? null : AUTH.get(auth);
    }

    public OID privProtocol() {
        return priv == null ? null : PRIV.get(priv);
    }

    /** noAuthNoPriv, authNoPriv or authPriv. */
    public String securityLevel() {
        return auth == null ? "noAuthNoPriv" : priv == null ? "authNoPriv" : "authPriv";
    }

    @Override
    public String toString() {
        return name + " (" + securityLevel() + (auth == null ? "" : ", " + auth) + (priv == null ? "" : "/" + priv) + ")";
    }
}
