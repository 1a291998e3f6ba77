package io.mimamori.outbox;

import io.mimamori.alert.Alert;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A batch's alerts as the exchange body, each parsed from its committed JSON only when a sink
 * reads it: a sink that writes the JSON as it is ({@link OutboxConsumer#committedJson}) never pays
 * for parsing.
 */
final class LazyAlerts extends AbstractList<Alert> implements RandomAccess {
    private final List<SinkDelivery.Entry> entries;
    private final Alert[] parsed;

    LazyAlerts(List<SinkDelivery.Entry> entries) {
        this.entries = entries;
        this.parsed = new Alert[entries.size()];
    }

    @Override
    public Alert get(int index) {
        Alert a = parsed[index];
        if (a == null) {
            a = entries.get(index).alert();
            parsed[index] = a;
        }
        return a;
    }

    @Override
    public int size() {
        return entries.size();
    }
}
