package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;

/** Test access to definition validation from other packages. */
public final class TrapDefinitionsAccess {
    private TrapDefinitionsAccess() {
    }

    public static List<ConfigProblem> validate(Path dir) {
        return TrapDefinitions.validate(dir);
    }
}
