package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.alert.Severity;
import io.mimamori.connector.snmp.internal.trap.Trap;
import io.mimamori.connector.snmp.internal.trap.Varbind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Translates one v2c trap with the definitions of a directory, for tests in other packages. */
public final class TrapDefinitionTestsAccess {
    private TrapDefinitionTestsAccess() {
    }

    /** The summary of the alert made of {@code trapOid} with one integer variable. */
    public static String translate(Path dir, String trapOid, String varbindOid, String value) {
        TrapClassifier c = new TrapClassifier(TrapDefinitions.load(dir), Severity.WARNING, "snmp-trap-source", "t", 0);
        Trap t = new Trap("v2c", false, trapOid, 1, List.of(new Varbind(varbindOid, "integer", value, null)),
                "192.0.2.20", null, null, Instant.EPOCH, null);
        return c.classify(t).alerts().get(0).summary();
    }
}
