import org.snmp4j.*;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.*;
import org.snmp4j.smi.*;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * TrapBlastV3 HOST PORT COUNT RATE USER AUTHPASS PRIVPASS: sends COUNT SNMPv3 authPriv (SHA-256, AES-128)
 * linkDown traps with a sequence varbind, paced at RATE/s (0 = flat out): the traffic of TrapBlast, encrypted.
 */
public class TrapBlastV3 {
  public static void main(String[] a) throws Exception {
    String host = a[0]; int port = Integer.parseInt(a[1]); long n = Long.parseLong(a[2]); long rate = Long.parseLong(a[3]);
    OctetString user = new OctetString(a[4]);
    SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
    protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
    protocols.addPrivacyProtocol(new PrivAES128());
    OctetString engineId = new OctetString(MPv3.createLocalEngineID(new OctetString("trapblast-v3")));
    USM usm = new USM(protocols, engineId, 0);
    usm.addUser(user, engineId, new UsmUser(user, AuthHMAC192SHA256.ID, new OctetString(a[5]), PrivAES128.ID, new OctetString(a[6])));
    SecurityModels models = new SecurityModels().addSecurityModel(usm);
    MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    dispatcher.addMessageProcessingModel(new MPv3(engineId.getValue(), new org.snmp4j.util.DefaultPDUFactory(), protocols, models, new org.snmp4j.mp.CounterSupport()));
    DefaultUdpTransportMapping t = new DefaultUdpTransportMapping();
    Snmp snmp = new Snmp(dispatcher, t);
    t.listen();
    UserTarget<UdpAddress> target = new UserTarget<>(new UdpAddress(host + "/" + port), user, engineId.getValue(), SecurityLevel.AUTH_PRIV);
    target.setVersion(SnmpConstants.version3);
    target.setSecurityModel(USM.SECURITY_MODEL_USM);
    long start = System.nanoTime();
    for (long i = 0; i < n; i++) {
      ScopedPDU pdu = new ScopedPDU(); pdu.setType(PDU.TRAP);
      pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(12345)));
      pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID("1.3.6.1.6.3.1.1.5.3")));
      pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.1.7"), new Integer32(7)));
      pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.2.7"), new OctetString("eth" + (i % 8))));
      pdu.add(new VariableBinding(new OID("1.3.6.1.4.1.8072.9999.1"), new Counter64(i)));
      snmp.send(pdu, target);
      if (rate > 0) { long due = start + (i + 1) * 1_000_000_000L / rate; while (System.nanoTime() < due) Thread.onSpinWait(); }
    }
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf("sent=%d secs=%.3f rate=%.0f/s%n", n, s, n / s);
    snmp.close();
  }
}
