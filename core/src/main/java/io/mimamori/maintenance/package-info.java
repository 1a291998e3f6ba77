/**
 * Maintenance windows: planned periods in which matching alerts of one tenant are silenced.
 *
 * <p>{@link io.mimamori.maintenance.MaintenanceCalendar} loads windows from
 * {@code config/maintenance/*.yaml} (format: {@code config/maintenance/README.md}) and answers
 * which window silences an alert at an instant.
 *
 * <h2>Time semantics</h2>
 * <ul>
 *   <li>Every window has a timezone: its own {@code timezone}, else its tenant's. Local times
 *       ({@code 2026-03-29 01:30}) are read in it; a time with {@code Z} or an offset is that
 *       exact instant.</li>
 *   <li>An occurrence runs from its start (inclusive) to its end (exclusive).</li>
 *   <li>Recurring windows (RRULE or UNIX cron) recur on the local wall clock: "every day at
 *       01:30" starts at 01:30 local time whether summer or winter time applies.</li>
 *   <li>As in RFC 5545 section 3.3.5, a local start that does not exist because the clocks jump
 *       forward moves forward by the length of the jump (02:30 on 29 March 2026 in Europe/Berlin
 *       is 03:30 CEST); a local time that exists twice because the clocks go back means the
 *       first of the two (02:30 on 25 October 2026 in Europe/Berlin is 02:30 CEST).</li>
 *   <li>A duration is exact elapsed time: a 2-hour window starting 01:30 CET on the night the
 *       clocks jump forward ends at 04:30 CEST; on the night they go back it ends at 02:30 CET.</li>
 * </ul>
 */
package io.mimamori.maintenance;
