package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.connector.snmp.internal.trap.Trap;
import io.mimamori.connector.snmp.internal.trap.Varbind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes IPMI Platform Event Traps (PET v1.0, enterprise 3183 "wired for management"), which BMCs
 * of Supermicro, Intel, Lenovo, Dell and others send, into words: sensor type, event, direction,
 * severity and reading. Tables from the IPMI v2.0 specification (42-1 event/reading types, 42-2
 * generic event offsets, 42-3 sensor types and their sensor-specific offsets).
 *
 * <p>The trap is SNMPv1, enterprise {@code 1.3.6.1.4.1.3183.1.1}; its specific-trap number is
 * {@code sensorType << 16 | eventType << 8 | direction << 7 | offset}, so after RFC 3584 its OID is
 * {@code 1.3.6.1.4.1.3183.1.1.0.<specific>}. The one variable {@code 1.3.6.1.4.1.3183.1.1.1} holds
 * the event record: GUID (16 bytes), sequence (2), local time (4), UTC offset (2), trap source
 * type, event source type, event severity, sensor device, sensor number, entity, entity instance
 * (1 each), event data (8), language code (1), manufacturer IANA number (4), system id (2), OEM
 * fields.
 *
 * <p>{@code pet.state} says what the event means for its sensor, so that a definition can pair a
 * failure with the event that ends it whatever their offsets: {@code problem} (a threshold crossed, a
 * failure or degraded state asserted), {@code ok} (the sensor is back: a problem offset deasserted,
 * an "OK" offset such as "transition to OK" or "fully redundant" asserted, or event severity OK), or
 * {@code info} (an event that says nothing about the sensor's health and ends nothing: presence,
 * correctable errors, rebuild in progress, log housekeeping, the "monitor"/"informational" offsets).
 * {@code pet.sensor} names the sensor (type, number, entity and instance) independently of the offset.
 */
public final class IpmiPet {
    public static final String NAME = "ipmi-pet";
    public static final String TRAP_PREFIX = "1.3.6.1.4.1.3183.1.1.0";
    public static final String DATA_OID = "1.3.6.1.4.1.3183.1.1.1";
    /** The variables this decoder adds, for template validation. */
    public static final List<String> VARIABLES = List.of("pet.sensorType", "pet.sensorTypeCode", "pet.eventType",
            "pet.event", "pet.offset", "pet.direction", "pet.severity", "pet.sensorNumber", "pet.entity",
            "pet.entityInstance", "pet.reading", "pet.manufacturer", "pet.manufacturerId", "pet.systemId",
            "pet.sequence", "pet.guid", "pet.state", "pet.sensor");

    private static final int MIN_DATA = 46;

    private IpmiPet() {
    }

    /** The decoded variables, or an empty map when the trap is no PET or its data is too short. */
    public static Map<String, String> decode(Trap trap) {
        if (!trap.trapOid().startsWith(TRAP_PREFIX + ".")) {
            return Map.of();
        }
        long specific;
        try {
            specific = Long.parseLong(trap.trapOid().substring(TRAP_PREFIX.length() + 1));
        } catch (NumberFormatException e) {
            return Map.of();
        }
        int sensorType = (int) ((specific >> 16) & 0xff);
        int eventType = (int) ((specific >> 8) & 0xff);
        boolean deassertion = (specific & 0x80) != 0;
        int offset = (int) (specific & 0x0f);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("pet.sensorTypeCode", String.format("0x%02x", sensorType));
        v.put("pet.sensorType", sensorTypeName(sensorType));
        v.put("pet.eventType", eventTypeName(eventType));
        v.put("pet.event", eventName(sensorType, eventType, offset));
        v.put("pet.offset", Integer.toString(offset));
        v.put("pet.direction", deassertion ? "deassertion" : "assertion");
        Varbind data = trap.find(DATA_OID);
        byte[] b = data == null ? null : data.octets();
        if (b == null || b.length < MIN_DATA) {
            v.put("pet.severity", "unspecified");
            v.put("pet.reading", "no event data");
            v.put("pet.manufacturer", "unknown");
            v.put("pet.sensorNumber", "?");
            v.put("pet.entity", "?");
            v.put("pet.entityInstance", "?");
            v.put("pet.state", state(sensorType, eventType, offset, deassertion, -1));
            v.put("pet.sensor", String.format("0x%02x/?/?", sensorType));
            return v;
        }
        v.put("pet.guid", hex(b, 0, 16));
        v.put("pet.sequence", Integer.toString(u16(b, 16)));
        v.put("pet.severity", severityName(b[26] & 0xff));
        int sensorNumber = b[28] & 0xff;
        v.put("pet.sensorNumber", Integer.toString(sensorNumber));
        v.put("pet.entity", String.format("0x%02x", b[29] & 0xff));
        v.put("pet.entityInstance", Integer.toString(b[30] & 0xff));
        v.put("pet.reading", reading(sensorType, eventType, b[31] & 0xff, b[32] & 0xff, b[33] & 0xff));
        long manufacturer = manufacturerId(b);
        v.put("pet.manufacturerId", Long.toString(manufacturer));
        v.put("pet.manufacturer", manufacturerName(manufacturer));
        v.put("pet.systemId", Integer.toString(u16(b, 44)));
        v.put("pet.state", state(sensorType, eventType, offset, deassertion, b[26] & 0xff));
        v.put("pet.sensor", String.format("0x%02x/%d/0x%02x.%d", sensorType, sensorNumber, b[29] & 0xff, b[30] & 0xff));
        return v;
    }

    private static final int SEVERITY_MONITOR = 0x01;
    private static final int SEVERITY_INFORMATION = 0x02;
    private static final int SEVERITY_OK = 0x04;

    /**
     * {@code problem}, {@code ok} or {@code info}: what this event says about its sensor (see the class
     * comment). {@code severity} is the event record's severity byte, or -1 when there is no record.
     */
    static String state(int sensorType, int eventType, int offset, boolean deassertion, int severity) {
        if (isInformational(sensorType, eventType, offset)) {
            return "info";
        }
        if (isOkOffset(eventType, offset)) {
            // leaving OK is announced by the assertion of the state entered, which carries the problem
            return deassertion ? "info" : "ok";
        }
        boolean known = eventType == 0x01 || GENERIC.containsKey(eventType)
                || eventType == 0x6f && SENSOR_SPECIFIC.containsKey(sensorType);
        if (!known && (severity == SEVERITY_MONITOR || severity == SEVERITY_INFORMATION)) {
            return "info"; // an OEM or unlisted event: only its severity says what it is
        }
        if (deassertion || severity == SEVERITY_OK) {
            return "ok";
        }
        return "problem";
    }

    /** Generic offsets whose assertion means the sensor is in its good state (IPMI v2.0 table 42-2). */
    private static boolean isOkOffset(int eventType, int offset) {
        return switch (eventType) {
            case 0x03, 0x04, 0x05, 0x06, 0x07, 0x0b -> offset == 0; // state deasserted, predictive failure deasserted,
            // limit not exceeded, performance met, transition to OK, fully redundant
            case 0x08, 0x09 -> offset == 1; // device inserted/present, device enabled
            default -> false;
        };
    }

    /** Offsets that report no fault and end none (IPMI v2.0 tables 42-2 and 42-3). */
    private static boolean isInformational(int sensorType, int eventType, int offset) {
        if (eventType == 0x02) {
            return true; // usage state: idle, active, busy
        }
        if (eventType == 0x07) {
            return offset == 7 || offset == 8; // monitor, informational
        }
        if (eventType != 0x6f) {
            return false;
        }
        return switch (sensorType) {
            case 0x07 -> offset == 7 || offset == 9 || offset == 12; // processor/terminator presence, correctable MCE
            case 0x08 -> offset == 0; // power supply presence detected
            case 0x09 -> offset == 0 || offset == 1; // power off/down, power cycle
            case 0x0c -> offset == 0 || offset == 6 || offset == 8; // correctable ECC, presence detected, spare
            case 0x0d -> offset == 0 || offset == 3 || offset == 4 || offset == 7; // drive presence, hot spare,
            // consistency check in progress, rebuild in progress
            case 0x10 -> offset == 2; // log area reset/cleared
            case 0x12 -> offset != 2; // system event: all but "undetermined system hardware failure"
            case 0x25 -> offset == 0; // entity present
            case 0x29 -> offset == 2; // battery presence detected
            default -> false;
        };
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static String hex(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    /**
     * The IANA number: big-endian as the PET specification has it; some BMCs (Supermicro's among
     * them) write it little-endian, which shows as a number beyond any assigned one.
     */
    static long manufacturerId(byte[] b) {
        long big = ((long) (b[40] & 0xff) << 24) | ((b[41] & 0xff) << 16) | ((b[42] & 0xff) << 8) | (b[43] & 0xff);
        if (big <= 0xffffff) {
            return big;
        }
        return ((long) (b[43] & 0xff) << 24) | ((b[42] & 0xff) << 16) | ((b[41] & 0xff) << 8) | (b[40] & 0xff);
    }

    static String manufacturerName(long iana) {
        return switch ((int) iana) {
            case 2, 20301 -> "IBM";
            case 11 -> "HP";
            case 232 -> "HPE (Compaq)";
            case 343 -> "Intel";
            case 674 -> "Dell";
            case 2011 -> "Huawei";
            case 7244 -> "Quanta";
            case 10876 -> "Supermicro";
            case 19046 -> "Lenovo";
            case 42385 -> "Inspur";
            case 0 -> "unspecified";
            default -> "IANA " + iana;
        };
    }

    static String severityName(int severity) {
        return switch (severity) {
            case 0x01 -> "monitor";
            case 0x02 -> "information";
            case 0x04 -> "ok";
            case 0x08 -> "non-critical";
            case 0x10 -> "critical";
            case 0x20 -> "non-recoverable";
            default -> "unspecified";
        };
    }

    static String eventTypeName(int eventType) {
        if (eventType == 0x01) {
            return "threshold";
        }
        if (eventType >= 0x02 && eventType <= 0x0c) {
            return "generic discrete";
        }
        if (eventType == 0x6f) {
            return "sensor-specific";
        }
        if (eventType >= 0x70 && eventType <= 0x7f) {
            return "OEM";
        }
        return String.format("unspecified (0x%02x)", eventType);
    }

    private static final String[] SENSOR_TYPES = {
        "reserved", "temperature", "voltage", "current", "fan", "physical security", "platform security",
        "processor", "power supply", "power unit", "cooling device", "other units-based sensor", "memory",
        "drive slot", "POST memory resize", "system firmware progress", "event logging", "watchdog",
        "system event", "critical interrupt", "button/switch", "module/board", "microcontroller/coprocessor",
        "add-in card", "chassis", "chip set", "other FRU", "cable/interconnect", "terminator",
        "system boot/restart", "boot error", "OS boot", "OS stop/shutdown", "slot/connector",
        "system ACPI power state", "watchdog 2", "platform alert", "entity presence", "monitor ASIC/IC", "LAN",
        "management subsystem health", "battery", "session audit", "version change", "FRU state"};

    static String sensorTypeName(int sensorType) {
        if (sensorType < SENSOR_TYPES.length) {
            return SENSOR_TYPES[sensorType];
        }
        return sensorType >= 0xc0 ? String.format("OEM sensor 0x%02x", sensorType)
                : String.format("sensor type 0x%02x", sensorType);
    }

    private static final String[] THRESHOLD = {
        "lower non-critical going low", "lower non-critical going high", "lower critical going low",
        "lower critical going high", "lower non-recoverable going low", "lower non-recoverable going high",
        "upper non-critical going low", "upper non-critical going high", "upper critical going low",
        "upper critical going high", "upper non-recoverable going low", "upper non-recoverable going high"};

    private static final Map<Integer, String[]> GENERIC = Map.of(
            0x02, new String[] {"transition to idle", "transition to active", "transition to busy"},
            0x03, new String[] {"state deasserted", "state asserted"},
            0x04, new String[] {"predictive failure deasserted", "predictive failure asserted"},
            0x05, new String[] {"limit not exceeded", "limit exceeded"},
            0x06, new String[] {"performance met", "performance lags"},
            0x07, new String[] {"transition to OK", "transition to non-critical from OK",
                "transition to critical from less severe", "transition to non-recoverable from less severe",
                "transition to non-critical from more severe", "transition to critical from non-recoverable",
                "transition to non-recoverable", "monitor", "informational"},
            0x08, new String[] {"device removed/absent", "device inserted/present"},
            0x09, new String[] {"device disabled", "device enabled"},
            0x0b, new String[] {"fully redundant", "redundancy lost", "redundancy degraded",
                "non-redundant: sufficient resources from redundant", "non-redundant: sufficient resources from insufficient",
                "non-redundant: insufficient resources", "redundancy degraded from fully redundant",
                "redundancy degraded from non-redundant"});

    private static final Map<Integer, String[]> SENSOR_SPECIFIC = Map.ofEntries(
            Map.entry(0x05, new String[] {"general chassis intrusion", "drive bay intrusion", "I/O card area intrusion",
                "processor area intrusion", "LAN leash lost", "unauthorized dock", "fan area intrusion"}),
            Map.entry(0x07, new String[] {"IERR", "thermal trip", "FRB1/BIST failure", "FRB2/hang in POST failure",
                "FRB3/processor startup failure", "configuration error", "uncorrectable CPU-complex error",
                "processor presence detected", "processor disabled", "terminator presence detected",
                "processor automatically throttled", "machine check exception (uncorrectable)",
                "correctable machine check error"}),
            Map.entry(0x08, new String[] {"presence detected", "power supply failure detected", "predictive failure",
                "power supply input lost (AC/DC)", "power supply input lost or out of range",
                "power supply input out of range but present", "configuration error", "power supply inactive"}),
            Map.entry(0x09, new String[] {"power off/down", "power cycle", "240VA power down", "interlock power down",
                "AC lost", "soft power control failure", "power unit failure detected", "predictive failure"}),
            Map.entry(0x0c, new String[] {"correctable ECC", "uncorrectable ECC", "parity error", "memory scrub failed",
                "memory device disabled", "correctable ECC logging limit reached", "presence detected",
                "configuration error", "spare", "memory automatically throttled", "critical overtemperature"}),
            Map.entry(0x0d, new String[] {"drive presence", "drive fault", "predictive failure", "hot spare",
                "consistency check in progress", "in critical array", "in failed array", "rebuild in progress",
                "rebuild aborted"}),
            Map.entry(0x10, new String[] {"correctable memory error logging disabled", "event type logging disabled",
                "log area reset/cleared", "all event logging disabled", "SEL full", "SEL almost full"}),
            Map.entry(0x12, new String[] {"system reconfigured", "OEM system boot event",
                "undetermined system hardware failure", "entry added to auxiliary log", "PEF action",
                "timestamp clock synchronised"}),
            Map.entry(0x13, new String[] {"front panel NMI", "bus timeout", "I/O channel check NMI", "software NMI",
                "PCI PERR", "PCI SERR", "EISA fail-safe timeout", "bus correctable error", "bus uncorrectable error",
                "fatal NMI", "bus fatal error", "bus degraded"}),
            Map.entry(0x29, new String[] {"battery low", "battery failed", "battery presence detected"}));

    static String eventName(int sensorType, int eventType, int offset) {
        String[] names = null;
        if (eventType == 0x01) {
            names = THRESHOLD;
        } else if (eventType == 0x6f) {
            names = SENSOR_SPECIFIC.get(sensorType);
        } else {
            names = GENERIC.get(eventType);
        }
        if (names != null && offset < names.length) {
            return names[offset];
        }
        return String.format("event offset %d", offset);
    }

    /** What event data bytes 1..3 say, as far as they can be read without the BMC's sensor records. */
    static String reading(int sensorType, int eventType, int data1, int data2, int data3) {
        int byte2 = (data1 >> 6) & 0x3;
        int byte3 = (data1 >> 4) & 0x3;
        if (eventType == 0x01) {
            StringBuilder sb = new StringBuilder();
            if (byte2 == 1) {
                sb.append(String.format("trigger reading 0x%02x", data2));
            }
            if (byte3 == 1) {
                sb.append(sb.length() > 0 ? ", " : "").append(String.format("threshold 0x%02x", data3));
            }
            return sb.length() == 0 ? "no reading in the event" : sb.append(" (raw sensor units)").toString();
        }
        if (eventType == 0x6f && sensorType == 0x0c && byte3 == 3 && data3 != 0xff) {
            return "memory module " + data3;
        }
        if (eventType == 0x6f && sensorType == 0x0c && byte3 == 3) {
            return "memory module unknown";
        }
        if (eventType == 0x6f && sensorType == 0x0d && byte2 == 3) {
            return "drive " + data2;
        }
        return String.format("event data 0x%02x 0x%02x 0x%02x", data1, data2, data3);
    }
}
