package io.mimamori.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * When a window is active: once, or from every start of a recurrence rule. Each occurrence lasts
 * {@link #length()} of elapsed time, from its start (inclusive) to its end (exclusive).
 */
public final class Schedule {
    private final Function<Instant, Iterator<Instant>> starts;
    private final Duration length;
    private final String text;

    private Schedule(Function<Instant, Iterator<Instant>> starts, Duration length, String text) {
        this.starts = starts;
        this.length = length;
        this.text = text;
    }

    /** From {@code start} (inclusive) to {@code end} (exclusive), once. */
    static Schedule once(Instant start, Instant end, ZoneId zone) {
        return new Schedule(from -> start.isBefore(from) ? List.<Instant>of().iterator() : List.of(start).iterator(),
                Duration.between(start, end),
                "once from " + WallTime.format(start, zone) + " to " + WallTime.format(end, zone) + " (" + zone + ")");
    }

    /**
     * Every start of {@code recurrence} on the wall clock of {@code zone}, each lasting
     * {@code length}; none starts after {@code until} when that is given.
     */
    static Schedule recurring(LocalRecurrence recurrence, Duration length, ZoneId zone, Instant until) {
        Duration spread = WallTime.offsetSpread(zone);
        String text = recurrence.text() + " for " + Durations.format(length) + " (" + zone + ")"
                + (until == null ? "" : " until " + WallTime.format(until, zone));
        return new Schedule(from -> new OrderedStarts(recurrence, zone, spread, from, until), length, text);
    }

    /** How long each occurrence lasts. */
    public Duration length() {
        return length;
    }

    /** The schedule for a human, e.g. {@code cron '0 2 * * 0' for 3h (America/New_York)}. */
    public String text() {
        return text;
    }

    /** The occurrence active at {@code t}: of several overlapping ones, the one that ends last. */
    public Optional<Occurrence> occurrenceAt(Instant t) {
        Occurrence found = null;
        for (Iterator<Instant> it = starts.apply(t.minus(length)); it.hasNext(); ) {
            Instant start = it.next();
            if (start.isAfter(t)) {
                break;
            }
            Occurrence o = new Occurrence(start, start.plus(length));
            if (o.contains(t)) {
                found = o;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The first occurrence that starts after {@code t}. */
    public Optional<Occurrence> nextOccurrence(Instant t) {
        for (Iterator<Instant> it = starts.apply(t); it.hasNext(); ) {
            Instant start = it.next();
            if (start.isAfter(t)) {
                return Optional.of(new Occurrence(start, start.plus(length)));
            }
        }
        return Optional.empty();
    }

    /** The earliest start or end of an occurrence after {@code after}; empty when there is none. */
    public Optional<Instant> nextChange(Instant after) {
        Instant earliestEnd = null;
        for (Iterator<Instant> it = starts.apply(after.minus(length)); it.hasNext(); ) {
            Instant start = it.next();
            if (start.isAfter(after)) {
                return Optional.of(earliestEnd == null || start.isBefore(earliestEnd) ? start : earliestEnd);
            }
            Instant end = start.plus(length);
            if (earliestEnd == null && end.isAfter(after)) {
                earliestEnd = end;
            }
        }
        return Optional.ofNullable(earliestEnd);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The starts of a local recurrence as instants, ascending, from a given instant on.
     * Resolving local times can reorder them (a start moved forward out of a daylight-saving
     * gap can land after the next one), so starts are held back until no later local time can
     * resolve to an earlier instant: that is the case once the local times are further apart
     * than the zone's largest offset difference.
     */
    private static final class OrderedStarts implements Iterator<Instant> {
        private final Iterator<LocalDateTime> locals;
        private final ZoneId zone;
        private final Duration spread;
        private final Instant from;
        private final Instant until;
        private final PriorityQueue<Map.Entry<Instant, LocalDateTime>> pending =
                new PriorityQueue<>(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        private LocalDateTime lastLocal;

        OrderedStarts(LocalRecurrence recurrence, ZoneId zone, Duration spread, Instant from, Instant until) {
            this.locals = recurrence.startsFrom(WallTime.local(from, zone).minus(spread));
            this.zone = zone;
            this.spread = spread;
            this.from = from;
            this.until = until;
        }

        @Override
        public boolean hasNext() {
            while (locals.hasNext() && (pending.isEmpty()
                    || !lastLocal.isAfter(pending.peek().getValue().plus(spread)))) {
                lastLocal = locals.next();
                Instant start = WallTime.resolve(lastLocal, zone);
                if (!start.isBefore(from)) {
                    pending.add(Map.entry(start, lastLocal));
                }
            }
            return !pending.isEmpty() && (until == null || !pending.peek().getKey().isAfter(until));
        }

        @Override
        public Instant next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.poll().getKey();
        }
    }
}
