package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.config.Template;

/**
 * One thing a message is tested against: a rule's problem match, or one of its clears.
 *
 * @param order      position in the evaluation order over all files; first match wins
 * @param clearIndex 0 for the problem match, n for the rule's n-th clear
 * @param summary    the summary template of what this entry produces
 */
record Entry(int order, Rule rule, Condition condition, int clearIndex, Template summary) {

    boolean isClear() {
        return clearIndex > 0;
    }

    /** How a person names this entry: {@code rule x} or {@code rule x clear #2}. */
    String describe() {
        return isClear() ? "rule " + rule.id() + " clear #" + clearIndex : "rule " + rule.id();
    }
}
