package io.mimamori.connector.snmp.internal.trap;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When an agent sent a notification, read from its sysUpTime.0 rather than from when the datagram
 * arrived. Traps travel over UDP and INFORMs are retransmitted, so a clear can arrive before the
 * problem it clears; the lifecycle recognises that case only from sender timestamps, and SNMP has
 * none but the agent's uptime.
 *
 * <p>Per agent (and tenant: customers reuse private addresses) the hub keeps an estimate of the
 * agent's boot time, {@code arrival - uptime}, at its smallest seen: the message with the least
 * network delay gives the best estimate, and a late message does not move it. A send time is then
 * {@code boot + uptime}, so two notifications of one agent are ordered by the agent's own clock
 * whatever order they arrived in. When a message's own estimate is later than the kept one by more
 * than {@link #RESYNC_MILLIS}, the agent rebooted, its 32-bit uptime wrapped, or its clock ran slow
 * for long enough; the estimate restarts from that message. A send time is never after the arrival.
 */
public final class AgentClocks {
    /** How late a message may arrive (retransmitted INFORMs included) before its agent counts as restarted. */
    public static final long RESYNC_MILLIS = 20_000;
    private static final int MAX_AGENTS = 65_536;

    private final Map<String, Long> bootMillis = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_AGENTS;
        }
    };

    /**
     * The send time of a notification, or null when it carries no uptime.
     *
     * @param tenant       the agent's tenant, or null when not known yet
     * @param agent        the agent's own address
     * @param uptime       sysUpTime.0 in hundredths of a second, negative when absent
     * @param receivedAt   when the hub received it
     */
    public Instant sentAt(String tenant, String agent, long uptime, Instant receivedAt) {
        if (uptime < 0 || agent == null) {
            return null;
        }
        long up = uptime * 10;
        long candidate = receivedAt.toEpochMilli() - up;
        String key = tenant == null ? agent : tenant + '\u0000' + agent;
        long boot;
        synchronized (bootMillis) {
            Long kept = bootMillis.get(key);
            if (kept == null || candidate < kept || candidate > kept + RESYNC_MILLIS) {
                bootMillis.put(key, candidate);
                boot = candidate;
            } else {
                boot = kept;
            }
        }
        return Instant.ofEpochMilli(boot + up);
    }
}
