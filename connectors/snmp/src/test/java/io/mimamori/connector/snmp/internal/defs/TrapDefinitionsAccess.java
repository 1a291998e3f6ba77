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

    /** Object and trap-definition names of the files in {@code dir} to {OID, file name}; traps by prefix left out. */
    public static java.util.Map<String, String[]> namedOids(Path dir) {
        java.util.Map<String, String[]> out = new java.util.TreeMap<>();
        TrapDefinitions defs = TrapDefinitions.load(dir);
        for (Definition d : defs.all()) {
            if (d.oid() != null) {
                out.put(d.name(), new String[] {d.oid(), fileOf(d.where())});
            }
        }
        for (Definition d : defs.all()) {
            d.clears().forEach(c -> {
                String name = defs.nameOf(c.trapOid());
                if (name != null) {
                    out.putIfAbsent(name, new String[] {c.trapOid(), fileOf(d.where())});
                }
            });
        }
        return out;
    }

    /** Declared objects of the files in {@code dir}: name to {OID, file name}. */
    public static java.util.Map<String, String[]> objectOids(Path dir) {
        java.util.Map<String, String[]> out = new java.util.TreeMap<>();
        TrapDefinitions.load(dir).objects().forEach((name, o) -> out.put(name, new String[] {o.oid(), fileOf(o.where())}));
        return out;
    }

    private static String fileOf(String where) {
        return Path.of(where.split(":(?=\\d+$)")[0]).getFileName().toString();
    }
}
