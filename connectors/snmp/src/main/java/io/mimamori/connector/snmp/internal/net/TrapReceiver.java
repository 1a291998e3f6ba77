package io.mimamori.connector.snmp.internal.net;

import io.mimamori.connector.snmp.internal.trap.SnmpValues;
import io.mimamori.connector.snmp.internal.trap.Trap;
import io.mimamori.connector.snmp.internal.trap.V1Conversion;
import io.mimamori.connector.snmp.internal.trap.Varbind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Target;
import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.Priv3DES;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TcpAddress;
import org.snmp4j.smi.TransportIpAddress;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultTcpTransportMapping;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.util.MultiThreadedMessageDispatcher;
import org.snmp4j.util.PDUFactory;
import org.snmp4j.util.ThreadPool;

/**
 * SNMP4J set up as a notification receiver and nothing else: its own USM (SHA-2, SHA-1 and MD5
 * authentication, AES and DES privacy) and its own counters per instance, a multi-threaded
 * dispatcher, UDP and optionally TCP. It authenticates and decodes; what is not allowed is counted
 * by reason and never reaches the listener. An INFORM is answered only when the listener calls the
 * acknowledgement it was handed.
 */
public final class TrapReceiver implements AutoCloseable {

    /** Where received traps and rejected input go. Called on the dispatcher's threads. */
    public interface Listener {
        /**
         * A notification that passed authentication. {@code acknowledge} answers an INFORM (and does
         * nothing for a trap); call it once the trap is handled, or never to make the agent retry.
         */
        void onTrap(Trap trap, Runnable acknowledge);

        /**
         * The tenant of a trap that passed authentication, from its agent address and its v1/v2c
         * community or v3 user; null leaves it to the pipeline. {@link #REJECTED} refuses the trap
         * (counted as unknown_tenant, an INFORM stays unanswered). The community is used only here.
         */
        default String tenantOf(Trap trap, String community) {
            return null;
        }

        String REJECTED = "\u0000rejected";

        /** Input that was well-formed but not allowed, e.g. {@code bad_community}, {@code unknown_user}. */
        void onRejected(String reason, String peer);

        /** Input that did not follow the protocol, e.g. {@code ber_parse_error}. */
        void onMalformed(String reason, String peer);
    }

    /**
     * @param engineId local engine ID (informs are addressed to it); null derives one from {@code name}
     */
    public record Config(String name, String bindHost, int udpPort, Integer tcpPort, int udpReceiveBufferSize,
                         List<String> communities, List<UsmUserSpec> users, byte[] engineId, int dispatcherThreads) {
        public Config {
            communities = List.copyOf(communities);
            users = List.copyOf(users);
        }
    }

    /** SNMP4J's counters that mean "rejected", by the reason each is counted under. */
    private static final Map<OID, String> REJECTIONS = Map.of(
            SnmpConstants.usmStatsUnknownUserNames, "unknown_user",
            SnmpConstants.usmStatsWrongDigests, "wrong_digest",
            SnmpConstants.usmStatsDecryptionErrors, "decryption_error",
            SnmpConstants.usmStatsNotInTimeWindows, "not_in_time_window",
            SnmpConstants.usmStatsUnsupportedSecLevels, "unsupported_security_level");
    /** SNMP4J's counters that mean "malformed". */
    private static final Map<OID, String> MALFORMED = Map.of(
            SnmpConstants.snmpInASNParseErrs, "ber_parse_error",
            SnmpConstants.snmpInBadVersions, "bad_version",
            SnmpConstants.snmpInvalidMsgs, "invalid_message",
            SnmpConstants.snmpUnknownSecurityModels, "unknown_security_model");

    private final Config config;
    private final Listener listener;
    private final byte[][] communities;
    private final ThreadLocal<byte[]> currentMessage = new ThreadLocal<>();
    private final ThreadLocal<String> currentPeer = new ThreadLocal<>();
    /** True while dispatching a message USM authenticated and decrypted (authPriv). */
    private final ThreadLocal<Boolean> decrypted = new ThreadLocal<>();
    private ThreadPool pool;
    private MultiThreadedMessageDispatcher dispatcher;
    private DefaultUdpTransportMapping udp;
    private DefaultTcpTransportMapping tcp;
    private USM usm;
    private byte[] engineId;

    public TrapReceiver(Config config, Listener listener) {
        this.config = config;
        this.listener = listener;
        this.communities = config.communities().stream().map(c -> c.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    public synchronized void start() throws IOException {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
        protocols.addAuthenticationProtocol(new AuthMD5());
        protocols.addAuthenticationProtocol(new AuthSHA());
        protocols.addAuthenticationProtocol(new AuthHMAC128SHA224());
        protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
        protocols.addAuthenticationProtocol(new AuthHMAC256SHA384());
        protocols.addAuthenticationProtocol(new AuthHMAC384SHA512());
        protocols.addPrivacyProtocol(new PrivDES());
        protocols.addPrivacyProtocol(new Priv3DES());
        protocols.addPrivacyProtocol(new PrivAES128());
        protocols.addPrivacyProtocol(new PrivAES192());
        protocols.addPrivacyProtocol(new PrivAES256());

        CounterSupport counters = new CounterSupport();
        counters.addCounterListener(this::counted);
        engineId = config.engineId() != null ? config.engineId().clone()
                : MPv3.createLocalEngineID(new OctetString("mimamori-" + config.name()));
        usm = new DecryptionAwareUsm(protocols, new OctetString(engineId), counters);
        usm.setEngineDiscoveryEnabled(true);
        for (UsmUserSpec u : config.users()) {
            usm.addUser(new UsmUser(new OctetString(u.name()), u.authProtocol(),
                    u.authPassword() == null ? null : new OctetString(u.authPassword()), u.privProtocol(),
                    u.privPassword() == null ? null : new OctetString(u.privPassword())));
        }
        SecurityModels models = new SecurityModels();
        models.addSecurityModel(usm);

        MessageDispatcherImpl inner = new CapturingDispatcher();
        inner.addMessageProcessingModel(new MPv1());
        inner.addMessageProcessingModel(new MPv2c());
        inner.addMessageProcessingModel(new MPv3(engineId, new ScopedPduFactory(), protocols, models, counters));
        inner.addCounterListener(this::counted);
        pool = ThreadPool.create("snmp-" + config.name() + "-dispatch", config.dispatcherThreads());
        dispatcher = new MultiThreadedMessageDispatcher(pool, inner);
        dispatcher.addCommandResponder(new Responder());

        InetAddress bind = InetAddress.getByName(config.bindHost());
        udp = new DefaultUdpTransportMapping(new UdpAddress(bind, config.udpPort()), false);
        udp.setReceiveBufferSize(config.udpReceiveBufferSize());
        udp.setMaxInboundMessageSize(65535);
        udp.setThreadName("snmp-" + config.name() + "-udp");
        dispatcher.addTransportMapping(udp);
        udp.addTransportListener(dispatcher);
        try {
            udp.listen();
            if (config.tcpPort() != null) {
                tcp = new DefaultTcpTransportMapping(new TcpAddress(bind, config.tcpPort()));
                tcp.setThreadName("snmp-" + config.name() + "-tcp");
                dispatcher.addTransportMapping(tcp);
                tcp.addTransportListener(dispatcher);
                tcp.listen();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The bound UDP port (useful when configured as 0). */
    public int udpPort() {
        return udp == null ? -1 : udp.getListenAddress().getPort();
    }

    public int tcpPort() {
        return tcp == null ? -1 : tcp.getListenAddress().getPort();
    }

    /** The SO_RCVBUF the kernel granted, which {@code net.core.rmem_max} may cap. */
    public int udpReceiveBufferSize() {
        return udp == null ? -1 : udp.getReceiveBufferSize();
    }

    public byte[] engineId() {
        return engineId == null ? null : engineId.clone();
    }

    @Override
    public synchronized void close() {
        closeQuietly(udp);
        closeQuietly(tcp);
        udp = null;
        tcp = null;
        if (dispatcher != null) {
            dispatcher.stop();
            dispatcher = null;
        }
        if (pool != null) {
            pool.stop();
            pool = null;
        }
    }

    private static void closeQuietly(TransportMapping<?> t) {
        if (t != null) {
            try {
                t.close();
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
    }

    private void counted(CounterEvent event) {
        if (SnmpConstants.snmpInASNParseErrs.equals(event.getOid()) && Boolean.TRUE.equals(decrypted.get())) {
            // authenticated, decrypted, and still no ScopedPDU: the privacy password is wrong (AES and DES
            // in CFB/CBC mode "decrypt" with any key; only the result shows it, RFC 3826 section 3.2.4)
            listener.onRejected("decryption_error", currentPeer.get());
            return;
        }
        String reason = REJECTIONS.get(event.getOid());
        if (reason != null) {
            listener.onRejected(reason, currentPeer.get());
            return;
        }
        reason = MALFORMED.get(event.getOid());
        if (reason != null) {
            listener.onMalformed(reason, currentPeer.get());
        }
    }

    /** Remembers the datagram being dispatched on this thread, for the raw payload and error reports. */
    private final class CapturingDispatcher extends MessageDispatcherImpl {
        @Override
        public <A extends Address> void processMessage(TransportMapping<? super A> sourceTransport, A incomingAddress,
                ByteBuffer wholeMessage, TransportStateReference tmStateReference) {
            byte[] bytes = new byte[wholeMessage.remaining()];
            wholeMessage.duplicate().get(bytes);
            currentMessage.set(bytes);
            currentPeer.set(peerText(incomingAddress));
            try {
                super.processMessage(sourceTransport, incomingAddress, wholeMessage, tmStateReference);
            } catch (RuntimeException e) {
                listener.onMalformed("undecodable", peerText(incomingAddress));
            } finally {
                currentMessage.remove();
                currentPeer.remove();
                decrypted.remove();
            }
        }
    }

    /** USM that notes when a message passed authentication and was decrypted. */
    private final class DecryptionAwareUsm extends USM {
        DecryptionAwareUsm(SecurityProtocols protocols, OctetString engineId, CounterSupport counters) {
            super(protocols, engineId, 0, counters);
        }

        @Override
        public int processIncomingMsg(int messageProcessingModel, int maxMessageSize,
                org.snmp4j.security.SecurityParameters securityParameters,
                org.snmp4j.security.SecurityModel securityModel, int securityLevel,
                org.snmp4j.asn1.BERInputStream wholeMsg, TransportStateReference tmStateReference,
                OctetString securityEngineID, OctetString securityName, org.snmp4j.asn1.BEROutputStream scopedPDU,
                Integer32 maxSizeResponseScopedPDU, org.snmp4j.security.SecurityStateReference securityStateReference,
                StatusInformation statusInfo) throws IOException {
            int status = super.processIncomingMsg(messageProcessingModel, maxMessageSize, securityParameters,
                    securityModel, securityLevel, wholeMsg, tmStateReference, securityEngineID, securityName,
                    scopedPDU, maxSizeResponseScopedPDU, securityStateReference, statusInfo);
            if (status == SnmpConstants.SNMPv3_USM_OK
                    && securityLevel == org.snmp4j.security.SecurityLevel.AUTH_PRIV) {
                decrypted.set(Boolean.TRUE);
            }
            return status;
        }
    }

    private static String peerText(Address a) {
        if (a instanceof TransportIpAddress t) {
            return t.getInetAddress().getHostAddress() + ":" + t.getPort();
        }
        return String.valueOf(a);
    }

    private static final class ScopedPduFactory implements PDUFactory {
        @Override
        public PDU createPDU(Target<?> target) {
            return new ScopedPDU();
        }

        @Override
        public PDU createPDU(MessageProcessingModel messageProcessingModel) {
            return new ScopedPDU();
        }
    }

    private final class Responder implements CommandResponder {
        @Override
        public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
            event.setProcessed(true);
            PDU pdu = event.getPDU();
            String peer = peerText(event.getPeerAddress());
            if (pdu == null) {
                listener.onMalformed("no_pdu", peer);
                return;
            }
            int mp = event.getMessageProcessingModel();
            if (mp != MPv3.ID && !communityAllowed(event.getSecurityName())) {
                listener.onRejected("bad_community", peer);
                return;
            }
            int type = pdu.getType();
            if (type != PDU.TRAP && type != PDU.INFORM && type != PDU.V1TRAP) {
                // requests, responses and reports: this is a receiver, not an agent
                listener.onRejected("unsupported_pdu", peer);
                return;
            }
            Trap trap;
            try {
                trap = toTrap(event, pdu, mp, peer);
            } catch (RuntimeException e) {
                listener.onMalformed("bad_notification", peer);
                return;
            }
            if (trap == null) {
                listener.onMalformed("no_trap_oid", peer);
                return;
            }
            String community = mp != MPv3.ID && event.getSecurityName() != null
                    ? new String(event.getSecurityName(), StandardCharsets.UTF_8) : null;
            String tenant = listener.tenantOf(trap, community);
            if (Listener.REJECTED.equals(tenant)) {
                listener.onRejected("unknown_tenant", peer);
                return;
            }
            Runnable ack = type == PDU.INFORM ? () -> respond(event, pdu) : () -> { };
            listener.onTrap(tenant == null ? trap : trap.withTenant(tenant), ack);
        }
    }

    private boolean communityAllowed(byte[] community) {
        if (community == null) {
            return false;
        }
        boolean allowed = false;
        for (byte[] c : communities) {
            allowed |= MessageDigest.isEqual(c, community);
        }
        return allowed;
    }

    private Trap toTrap(CommandResponderEvent<?> event, PDU pdu, int mp, String peer) {
        InetSocketAddress peerAddress = event.getPeerAddress() instanceof TransportIpAddress t
                ? new InetSocketAddress(t.getInetAddress(), t.getPort()) : null;
        String sender = peerAddress == null ? null : peerAddress.getAddress().getHostAddress();
        byte[] message = currentMessage.get();
        byte[] raw = message == null ? null : RawMessages.withoutCommunity(message);
        Instant now = Instant.now();
        String securityName = mp == MPv3.ID && event.getSecurityName() != null
                ? new String(event.getSecurityName(), StandardCharsets.UTF_8) : null;
        if (pdu instanceof PDUv1 v1) {
            List<Varbind> v1Varbinds = new ArrayList<>(v1.size());
            for (VariableBinding vb : v1.getVariableBindings()) {
                v1Varbinds.add(SnmpValues.of(vb));
            }
            IpAddress agentAddr = v1.getAgentAddress();
            String agent = agentAddr == null || agentAddr.getInetAddress() == null
                    || agentAddr.getInetAddress().isAnyLocalAddress() ? sender
                    : agentAddr.getInetAddress().getHostAddress();
            String enterprise = v1.getEnterprise() == null ? "0.0" : v1.getEnterprise().toDottedString();
            String trapOid = V1Conversion.trapOid(enterprise, v1.getGenericTrap(), v1.getSpecificTrap() & 0xffffffffL);
            return new Trap("v1", false, trapOid, v1.getTimestamp(),
                    V1Conversion.varbinds(v1Varbinds, agent, enterprise), agent, peerAddress, null, now, raw);
        }
        List<? extends VariableBinding> vbs = pdu.getVariableBindings();
        long uptime = -1;
        String trapOid = null;
        List<Varbind> rest = new ArrayList<>(vbs.size());
        for (VariableBinding vb : vbs) {
            String oid = vb.getOid().toDottedString();
            if (oid.equals(Trap.SYS_UP_TIME) && uptime < 0 && trapOid == null) {
                uptime = vb.getVariable().toLong();
            } else if (oid.equals(Trap.SNMP_TRAP_OID) && trapOid == null && vb.getVariable() instanceof OID o) {
                trapOid = o.toDottedString();
            } else if (!oid.equals(Trap.SNMP_TRAP_COMMUNITY)) {
                // snmpTrapCommunity.0, which proxies may add, is a secret: never kept
                rest.add(SnmpValues.of(vb));
            }
        }
        if (trapOid == null) {
            return null;
        }
        String agent = sender;
        for (Varbind v : rest) {
            if (v.oid().equals(Trap.SNMP_TRAP_ADDRESS) && v.syntax().equals("ip")) {
                agent = v.text();
            }
        }
        return new Trap(mp == MPv3.ID ? "v3" : "v2c", pdu.getType() == PDU.INFORM, trapOid, uptime, rest, agent,
                peerAddress, securityName, now, raw);
    }

    /** Answers an INFORM: a Response with the request's id and variable bindings (RFC 3416 4.2.7). */
    private void respond(CommandResponderEvent<?> event, PDU request) {
        MessageDispatcher d = dispatcher;
        if (d == null) {
            return;
        }
        PDU response = (PDU) request.clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(PDU.noError);
        response.setErrorIndex(0);
        try {
            d.returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(), event.getSecurityName(),
                    event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(), event.getStateReference(),
                    new StatusInformation());
        } catch (MessageException e) {
            listener.onRejected("response_failed", peerText(event.getPeerAddress()));
        }
    }
}
