package io.mimamori.connector.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.connector.snmp.internal.defs.TrapDefinitionTestsAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mib import} with libsmi's smidump (Debian package smitools) on two small MIBs. */
class MibImportIT {
    static Path mib(String name) throws Exception {
        return Path.of(MibImportIT.class.getResource("/mibs/" + name).toURI());
    }

    @Test
    void notificationTypeAndTrapTypeBecomeAValidSkeleton(@TempDir Path tmp) throws Exception {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = MibImport.run(List.of(mib("ACME-FAN-MIB"), mib("ACME-DISK-MIB")), List.of(), out, err);
        assertThat(code).as(err.toString()).isZero();
        String yaml = out.toString();
        assertThat(yaml)
                .contains("acmeFanIndex: 1.3.6.1.4.1.99999.1.1   # Index of the fan.")
                .contains("acmeFanStatus: { oid: 1.3.6.1.4.1.99999.1.2, values: { 1: ok, 2: degraded, 3: failed } }")
                .contains("- name: acmeFanFailed\n    oid: 1.3.6.1.4.1.99999.2.0.1   # ACME-FAN-MIB::acmeFanFailed")
                .contains("  # A fan failed or degraded.")
                .contains("summary: 'acmeFanFailed from ${host}: acmeFanIndex=${acmeFanIndex}, "
                        + "acmeFanStatus=${acmeFanStatus}, acmeFanName=${acmeFanName}'")
                // TRAP-TYPE: ENTERPRISE acme (1.3.6.1.4.1.99998), specific 42, as RFC 3584 converts it
                .contains("- name: acmeDiskFailed\n    oid: 1.3.6.1.4.1.99998.0.42")
                .contains("acmeDiskState: { oid: 1.3.6.1.4.1.99998.1.2, values: { 1: ok, 2: failed, 3: rebuilding } }");
        // the skeleton is a valid definition file as it stands
        Files.writeString(tmp.resolve("60-acme.yaml"), yaml);
        assertThat(io.mimamori.connector.snmp.internal.defs.TrapDefinitionsAccess.validate(tmp)).isEmpty();
        assertThat(TrapDefinitionTestsAccess.translate(tmp, "1.3.6.1.4.1.99999.2.0.1",
                "1.3.6.1.4.1.99999.1.2.0", "2")).isEqualTo("acmeFanFailed from 192.0.2.20: acmeFanIndex=, "
                        + "acmeFanStatus=degraded, acmeFanName=");
    }

    @Test
    void aBrokenMibGetsAClearErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("BROKEN-MIB");
        Files.writeString(broken, "BROKEN-MIB DEFINITIONS ::= BEGIN\nIMPORTS nothing FROM NOWHERE-MIB;\nfoo OBJECT-TYPE\nEND\n");
        StringBuilder err = new StringBuilder();
        assertThat(MibImport.run(List.of(broken), List.of(), new StringBuilder(), err)).isEqualTo(2);
        assertThat(err.toString()).startsWith(broken + ": smidump could not compile it")
                .contains("put its file beside this one or give --mib-path DIR");
        err.setLength(0);
        assertThat(MibImport.run(List.of(tmp.resolve("missing")), List.of(), new StringBuilder(), err)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(tmp.resolve("missing") + ": no such file\n");
    }
}
