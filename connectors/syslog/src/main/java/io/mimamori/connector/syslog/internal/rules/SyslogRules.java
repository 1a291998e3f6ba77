package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.connector.syslog.SyslogMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled syslog classification rules of one directory. Immutable, so any number of I/O
 * threads share one instance; a reload builds a new one.
 *
 * <p>A message is tested against each rule's match and then its clears, rule by rule, files in
 * name order and rules in file order; the first that matches decides. Entries whose appName is a
 * fixed set of names are indexed by those names, so a message is tested only against the entries
 * for its own APP-NAME and those that do not restrict APP-NAME, still in that order.
 */
public final class SyslogRules {

    /** The entry that matched a message and the named groups its message regex captured. */
    record Hit(Entry entry, Captures captures) {
    }

    private final int ruleCount;
    private final List<Entry> entries;
    /** Entries that may match any APP-NAME, in order: all a message with an unindexed APP-NAME meets. */
    private final Entry[] anyAppName;
    /** For each indexed APP-NAME, its own entries merged in order with {@link #anyAppName}. */
    private final Map<String, Entry[]> byAppName;

    private SyslogRules(int ruleCount, List<Entry> entries) {
        this.ruleCount = ruleCount;
        this.entries = entries;
        List<Entry> unindexed = new ArrayList<>();
        Map<String, List<Entry>> indexed = new HashMap<>();
        for (Entry e : entries) {
            String[] literals = e.condition().appNameLiterals();
            if (literals == null) {
                unindexed.add(e);
            } else {
                for (String appName : literals) {
                    indexed.computeIfAbsent(appName, k -> new ArrayList<>()).add(e);
                }
            }
        }
        this.anyAppName = unindexed.toArray(Entry[]::new);
        Map<String, Entry[]> index = new HashMap<>();
        indexed.forEach((appName, own) -> {
            List<Entry> merged = new ArrayList<>(own);
            merged.addAll(unindexed);
            merged.sort(Comparator.comparingInt(Entry::order));
            index.put(appName, merged.toArray(Entry[]::new));
        });
        this.byAppName = Map.copyOf(index);
    }

    /**
     * Loads every {@code *.yaml} file directly in {@code dir}, in file-name order.
     *
     * @throws ConfigException listing every problem found, each with file and line
     */
    public static SyslogRules load(Path dir) {
        RuleFileReader.Result result = RuleFileReader.read(dir);
        if (!result.problems().isEmpty()) {
            throw new ConfigException(result.problems());
        }
        return new SyslogRules(result.rules(), result.entries());
    }

    /** The checks of {@link #load} without building anything; an empty list means the rules are valid. */
    public static List<ConfigProblem> validate(Path dir) {
        return RuleFileReader.read(dir).problems();
    }

    /** The number of rules (clears not counted separately). */
    public int size() {
        return ruleCount;
    }

    /** The first entry matching {@code m}, whose host is {@code host}, or null. */
    Hit find(SyslogMessage m, String host) {
        for (Entry e : candidates(m.appName())) {
            Captures captures = e.condition().test(m, host);
            if (captures != null) {
                return new Hit(e, captures);
            }
        }
        return null;
    }

    /** The entries a message with this APP-NAME (null when it has none) is tested against, in order. */
    Entry[] candidates(String appName) {
        if (appName == null) {
            return anyAppName;
        }
        Entry[] own = byAppName.get(appName);
        return own != null ? own : anyAppName;
    }

    /** Every entry in evaluation order. */
    List<Entry> entries() {
        return entries;
    }
}
