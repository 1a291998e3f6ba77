package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled trap definitions of one directory, indexed by trap OID. Immutable, so every
 * dispatcher and worker thread shares one instance.
 */
public final class TrapDefinitions {

    /** A definition whose condition a trap clears, with the clear that says how. */
    record ClearTarget(Definition definition, Definition.Clear clear) {
    }

    private final List<Definition> all;
    private final Map<String, List<Definition>> byOid = new HashMap<>();
    private final List<Definition> prefixes = new ArrayList<>();
    private final Map<String, List<ClearTarget>> clearsByOid = new HashMap<>();
    private final Map<String, MibObject> objectsByOid = new HashMap<>();
    private final Map<String, MibObject> objects;

    private TrapDefinitions(List<Definition> definitions, Map<String, MibObject> objects) {
        this.all = List.copyOf(definitions);
        this.objects = Map.copyOf(objects);
        for (Definition d : definitions) {
            if (d.oid() != null) {
                byOid.computeIfAbsent(d.oid(), k -> new ArrayList<>()).add(d);
            } else {
                prefixes.add(d);
            }
            for (Definition.Clear c : d.clears()) {
                clearsByOid.computeIfAbsent(c.trapOid(), k -> new ArrayList<>()).add(new ClearTarget(d, c));
            }
        }
        // longest prefix first; for one OID or prefix, the conditional definitions (file order) before the rest
        Comparator<Definition> conditionalFirst = Comparator.comparing((Definition d) -> d.when().isEmpty());
        prefixes.sort(Comparator.comparingInt((Definition d) -> d.oidPrefix().length()).reversed()
                .thenComparing(conditionalFirst));
        byOid.values().forEach(list -> list.sort(conditionalFirst));
        for (MibObject o : objects.values()) {
            objectsByOid.putIfAbsent(o.oid(), o);
        }
    }

    /**
     * Loads every {@code *.yaml} file directly in {@code dir}, in name order.
     *
     * @throws ConfigException listing every problem, each with file and line
     */
    public static TrapDefinitions load(Path dir) {
        DefinitionReader.Result r = DefinitionReader.read(dir);
        if (!r.problems().isEmpty()) {
            throw new ConfigException(r.problems());
        }
        return new TrapDefinitions(r.definitions(), r.objects());
    }

    /** The checks of {@link #load} without building anything; empty when the directory is valid. */
    public static List<ConfigProblem> validate(Path dir) {
        return DefinitionReader.read(dir).problems();
    }

    /** Definitions with no trap known: every trap is unknown. */
    public static TrapDefinitions empty() {
        return new TrapDefinitions(List.of(), Map.of());
    }

    public int size() {
        return all.size();
    }

    List<Definition> all() {
        return all;
    }

    /** The definitions for exactly {@code trapOid}, the conditional ones first; empty when there is none. */
    List<Definition> exact(String trapOid) {
        return byOid.getOrDefault(trapOid, List.of());
    }

    /** The definitions with a prefix of {@code trapOid}, longest prefix first, conditional ones first per prefix. */
    List<Definition> byPrefix(String trapOid) {
        List<Definition> out = new ArrayList<>(2);
        for (Definition d : prefixes) {
            if (trapOid.startsWith(d.oidPrefix() + ".")) {
                out.add(d);
            }
        }
        return out;
    }

    List<ClearTarget> clearedBy(String trapOid) {
        return clearsByOid.getOrDefault(trapOid, List.of());
    }

    MibObject object(String name) {
        return objects.get(name);
    }

    /** Every declared object by name. */
    Map<String, MibObject> objects() {
        return objects;
    }

    /** The declared object a variable's OID belongs to (the longest declared prefix), or null. */
    MibObject objectOf(String varbindOid) {
        String oid = varbindOid;
        while (true) {
            MibObject o = objectsByOid.get(oid);
            if (o != null) {
                return o;
            }
            int dot = oid.lastIndexOf('.');
            if (dot <= 0) {
                return null;
            }
            oid = oid.substring(0, dot);
        }
    }

    /** The MIB name of a trap OID when some file declares it, else null. */
    String nameOf(String trapOid) {
        MibObject o = objectsByOid.get(trapOid);
        return o == null ? null : o.name();
    }
}
