package io.mimamori.connector.snmp.internal.defs;

import java.nio.file.Path;

/** Lets tests outside this package find the shipped definitions the same way. */
public final class ShippedDefinitionsTestAccess {
    private ShippedDefinitionsTestAccess() {
    }

    public static Path shippedDefinitions() {
        return ShippedDefinitionsTest.shippedDefinitions();
    }
}
