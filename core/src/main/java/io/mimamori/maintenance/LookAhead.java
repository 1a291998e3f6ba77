package io.mimamori.maintenance;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator over values computed one at a time: {@link #advance()} yields the next value, or
 * null when there is none. The first value is computed on first use, after the subclass is built.
 */
abstract class LookAhead<T> implements Iterator<T> {
    private T next;
    private boolean ready;

    /** The next value, or null when the sequence has ended. */
    protected abstract T advance();

    @Override
    public final boolean hasNext() {
        if (!ready) {
            next = advance();
            ready = true;
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ready = false;
        return next;
    }
}
