package io.mimamori.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a validation pass, so an operator sees them all at once. */
public final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();

    public void add(YamlTree.Node at, String message) {
        list.add(new ConfigProblem(at.file(), at.line(), message));
    }

    public void add(ConfigProblem p) {
        list.add(p);
    }

    public void addAll(List<ConfigProblem> ps) {
        list.addAll(ps);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<ConfigProblem> list() {
        return List.copyOf(list);
    }

    /** Throws a {@link ConfigException} with everything collected, if anything was. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ConfigException(list);
        }
    }
}
