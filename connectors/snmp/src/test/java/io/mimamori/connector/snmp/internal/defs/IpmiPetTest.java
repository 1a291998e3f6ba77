package io.mimamori.connector.snmp.internal.defs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.connector.snmp.internal.trap.Trap;
import io.mimamori.connector.snmp.internal.trap.V1Conversion;
import io.mimamori.connector.snmp.internal.trap.Varbind;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpmiPetTest {
    private static Trap pet(long specific, String hex) {
        byte[] data = HexFormat.of().parseHex(hex.replace(" ", ""));
        List<Varbind> vbs = V1Conversion.varbinds(List.of(new Varbind(IpmiPet.DATA_OID, "octets", "x", data)),
                "192.0.2.70", "1.3.6.1.4.1.3183.1.1");
        return new Trap("v1", false, V1Conversion.trapOid("1.3.6.1.4.1.3183.1.1", 6, specific), 0, vbs, "192.0.2.70",
                null, null, Instant.EPOCH, null);
    }


    @Test
    void aThresholdEventIsDecodedIntoWords() {
        Map<String, String> v = IpmiPet.decode(pet(0x040102,
                "43 30 30 31 4D 53 AC 1F 6B B7 30 44 00 00 00 00 00 2A 32 E4 E4 6E FF FF 20 20"
                        + " 10 20 41 1D 01 52 05 0A FF FF FF FF FF 19 7C 2A 00 00 00 00 C1"));
        assertThat(v).containsEntry("pet.sensorType", "fan").containsEntry("pet.sensorTypeCode", "0x04")
                .containsEntry("pet.eventType", "threshold").containsEntry("pet.event", "lower critical going low")
                .containsEntry("pet.direction", "assertion").containsEntry("pet.severity", "critical")
                .containsEntry("pet.sensorNumber", "65").containsEntry("pet.sequence", "42")
                .containsEntry("pet.reading", "trigger reading 0x05, threshold 0x0a (raw sensor units)")
                .containsEntry("pet.manufacturer", "Supermicro").containsEntry("pet.manufacturerId", "10876");
    }

    @Test
    void directionBitMakesADeassertionAndBigEndianManufacturersAreRead() {
        Map<String, String> v = IpmiPet.decode(pet(0x086F81,
                "44 45 4C 4C 31 00 10 52 80 35 C2 C0 4F 51 34 32 00 17 21 0A 3C 10 FF FF 20 20"
                        + " 04 20 C8 0A 02 01 FF FF FF FF FF FF FF 19 00 00 02 A2 01 00 C1"));
        assertThat(v).containsEntry("pet.sensorType", "power supply").containsEntry("pet.direction", "deassertion")
                .containsEntry("pet.event", "power supply failure detected").containsEntry("pet.severity", "ok")
                .containsEntry("pet.manufacturer", "Dell");
    }

    @Test
    void unknownCodesAreNamedByNumberAndShortDataIsNoError() {
        assertThat(IpmiPet.decode(pet(0xC07003, "00"))).containsEntry("pet.sensorType", "OEM sensor 0xc0")
                .containsEntry("pet.eventType", "OEM").containsEntry("pet.event", "event offset 3")
                .containsEntry("pet.reading", "no event data").containsEntry("pet.severity", "unspecified");
        Trap notPet = new Trap("v2c", false, "1.3.6.1.6.3.1.1.5.3", 0, List.of(), "192.0.2.1", null, null,
                Instant.EPOCH, null);
        assertThat(IpmiPet.decode(notPet)).isEmpty();
    }

    private static final String SUPERMICRO = "43 30 30 31 4D 53 AC 1F 6B B7 30 44 00 00 00 00 00 2A 32 E4 E4 6E FF FF 20 20";
    private static final String SUPERMICRO_TAIL = " 19 7C 2A 00 00 00 00 C1";

    private static Map<String, String> supermicro(int sensorType, int eventType, boolean deassertion, int offset,
            String severitySensorEntityAndData) {
        long specific = (long) sensorType << 16 | eventType << 8 | (deassertion ? 0x80 : 0) | offset;
        return IpmiPet.decode(pet(specific, SUPERMICRO + " " + severitySensorEntityAndData + SUPERMICRO_TAIL));
    }

    @Test
    void theSensorIsNamedWithoutTheOffsetSoEveryEventOfOneSensorSharesIt() {
        Map<String, String> critical = supermicro(0x01, 0x01, false, 9, "10 20 01 03 01 59 5A 55 FF FF FF FF FF");
        Map<String, String> nonCriticalOver = supermicro(0x01, 0x01, true, 7, "10 20 01 03 01 57 46 50 FF FF FF FF FF");
        Map<String, String> otherSensor = supermicro(0x01, 0x01, false, 9, "10 20 02 03 02 59 5A 55 FF FF FF FF FF");
        assertThat(critical).containsEntry("pet.sensor", "0x01/1/0x03.1").containsEntry("pet.state", "problem");
        assertThat(nonCriticalOver).containsEntry("pet.sensor", "0x01/1/0x03.1").containsEntry("pet.state", "ok");
        assertThat(otherSensor).containsEntry("pet.sensor", "0x01/2/0x03.2");
    }

    @Test
    void theStateSaysWhetherAnEventIsAProblemItsEndOrNeither() {
        // threshold: assertion is a problem, deassertion (whatever the severity byte says) its end
        assertThat(supermicro(0x04, 0x01, false, 2, "10 20 41 1D 01 52 05 0A FF FF FF FF FF")).containsEntry("pet.state", "problem");
        assertThat(supermicro(0x04, 0x01, true, 2, "10 20 41 1D 01 52 0E 0A FF FF FF FF FF")).containsEntry("pet.state", "ok");
        // generic severity sensor: "transition to OK" ends it even with no severity in the record
        assertThat(supermicro(0x08, 0x07, false, 2, "10 20 51 0A 01 02 FF FF FF FF FF FF FF")).containsEntry("pet.state", "problem");
        assertThat(supermicro(0x08, 0x07, false, 0, "00 20 51 0A 01 00 FF FF FF FF FF FF FF"))
                .containsEntry("pet.event", "transition to OK").containsEntry("pet.state", "ok");
        // leaving OK is no end of anything
        assertThat(supermicro(0x08, 0x07, true, 0, "00 20 51 0A 01 00 FF FF FF FF FF FF FF")).containsEntry("pet.state", "info");
        // redundancy: "fully redundant" ends "redundancy lost"
        assertThat(supermicro(0x0b, 0x0b, false, 1, "10 20 70 0A 00 01 FF FF FF FF FF FF FF")).containsEntry("pet.state", "problem");
        assertThat(supermicro(0x0b, 0x0b, false, 0, "02 20 70 0A 00 00 FF FF FF FF FF FF FF")).containsEntry("pet.state", "ok");
        // drive slot: fault is a problem, its deassertion the end; presence either way and rebuild are neither
        assertThat(supermicro(0x0d, 0x6f, false, 1, "10 20 E0 0F 00 01 FF FF FF FF FF FF FF")).containsEntry("pet.state", "problem");
        assertThat(supermicro(0x0d, 0x6f, true, 1, "04 20 E0 0F 00 01 FF FF FF FF FF FF FF")).containsEntry("pet.state", "ok");
        assertThat(supermicro(0x0d, 0x6f, false, 0, "02 20 E0 0F 00 00 FF FF FF FF FF FF FF")).containsEntry("pet.state", "info");
        assertThat(supermicro(0x0d, 0x6f, true, 0, "10 20 E0 0F 00 00 FF FF FF FF FF FF FF")).containsEntry("pet.state", "info");
        assertThat(supermicro(0x0d, 0x6f, false, 7, "02 20 E0 0F 00 07 FF FF FF FF FF FF FF")).containsEntry("pet.state", "info");
        // memory: correctable ECC is information, uncorrectable a problem
        assertThat(supermicro(0x0c, 0x6f, false, 0, "02 20 D0 20 00 30 FF 03 FF FF FF FF FF")).containsEntry("pet.state", "info");
        assertThat(supermicro(0x0c, 0x6f, false, 1, "20 20 D0 20 00 31 FF 03 FF FF FF FF FF")).containsEntry("pet.state", "problem");
        // an OEM event says what it is by its severity only
        assertThat(supermicro(0xc0, 0x70, false, 3, "02 20 90 00 00 03 FF FF FF FF FF FF FF")).containsEntry("pet.state", "info");
        assertThat(supermicro(0xc0, 0x70, false, 3, "10 20 90 00 00 03 FF FF FF FF FF FF FF")).containsEntry("pet.state", "problem");
        assertThat(supermicro(0xc0, 0x70, false, 3, "04 20 90 00 00 03 FF FF FF FF FF FF FF")).containsEntry("pet.state", "ok");
    }
}
