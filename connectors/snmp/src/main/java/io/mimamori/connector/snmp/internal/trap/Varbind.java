package io.mimamori.connector.snmp.internal.trap;

import java.util.Objects;

/**
 * One variable binding of a trap, decoded from its SNMP syntax into text a template can use.
 *
 * @param oid    the variable's OID, dotted
 * @param syntax {@code integer}, {@code unsigned}, {@code counter64}, {@code timeticks}, {@code octets},
 *               {@code oid}, {@code ip}, {@code null} or {@code opaque}
 * @param text   the value as text: numbers in decimal, OIDs dotted, printable octets as UTF-8
 *               text and other octets as hex pairs ({@code 44 45 4c}); never null
 * @param octets the raw bytes of an octet string, or null for other syntaxes
 */
public record Varbind(String oid, String syntax, String text, byte[] octets) {
    public Varbind {
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(text, "text");
    }

    /** The instance part of this variable's OID below {@code objectOid}, e.g. {@code 7} of ifIndex.7; empty when none. */
    public String instanceBelow(String objectOid) {
        return oid.length() > objectOid.length() ? oid.substring(objectOid.length() + 1) : "";
    }

    /** True when this variable is {@code objectOid} itself or one of its instances. */
    public boolean isInstanceOf(String objectOid) {
        return oid.equals(objectOid) || (oid.startsWith(objectOid) && oid.length() > objectOid.length()
                && oid.charAt(objectOid.length()) == '.');
    }
}
