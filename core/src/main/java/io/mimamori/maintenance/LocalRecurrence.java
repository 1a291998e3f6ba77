package io.mimamori.maintenance;

import java.time.LocalDateTime;
import java.util.Iterator;

/** A rule that yields local wall-clock start times, before any timezone is applied. */
interface LocalRecurrence {

    /** Start times at or after {@code from}, ascending; finite when the rule ends. */
    Iterator<LocalDateTime> startsFrom(LocalDateTime from);

    /** The rule as an operator wrote it, e.g. {@code RRULE FREQ=WEEKLY;BYDAY=SU from 2026-01-04T02:00}. */
    String text();
}
