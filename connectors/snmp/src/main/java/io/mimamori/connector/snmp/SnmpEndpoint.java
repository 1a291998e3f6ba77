package io.mimamori.connector.snmp;

import io.mimamori.alert.Severity;
import io.mimamori.connector.snmp.internal.net.TrapReceiver;
import io.mimamori.connector.snmp.internal.net.UsmUserSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One SNMP trap input: its listeners, credentials and definitions. Parameters are those of the kamelet. */
public final class SnmpEndpoint extends DefaultEndpoint {
    private final String name;
    private String bindHost = "0.0.0.0";
    private int udpPort = 1162;
    private Integer tcpPort;
    private int udpReceiveBufferSize = 8 * 1024 * 1024;
    private String communities = "";
    private String users = "";
    private String engineId;
    private String definitionsDir;
    private String unknownSeverity = "warning";
    private int maxUnknownTraps = 1000;
    private int dispatcherThreads = 2;
    private int workers;
    private int queueCapacity = 32768;

    SnmpEndpoint(String uri, SnmpComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("snmp-trap-source only receives; send alerts to direct:ingest instead");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SnmpConsumer consumer = new SnmpConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The receiver settings; errors name the kamelet parameter and never show a secret. */
    TrapReceiver.Config receiverConfig() {
        return new TrapReceiver.Config(name, bindHost, udpPort, tcpPort, udpReceiveBufferSize,
                communityList(secret("communities", communities)), UsmUserSpec.parseAll(secret("users", users)),
                engineIdBytes(engineId), dispatcherThreads);
    }

    /** Communities separated by commas or whitespace (one per line in a file). */
    static List<String> communityList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** True when {@code value} says where a secret is ({@code env:NAME}, {@code file:PATH}) rather than being it. */
    static boolean isReference(String value) {
        String v = value == null ? "" : value.trim();
        return v.isEmpty() || v.startsWith("env:") || v.startsWith("file:");
    }

    /**
     * A secret parameter's value: {@code env:NAME} reads the environment variable, {@code file:PATH} the
     * file (surrounding whitespace removed), anything else is taken as it is. Resolved here rather than
     * by property placeholders so that Camel, which logs the parameters of every route at start-up,
     * only ever sees where the secret is.
     *
     * @throws IllegalArgumentException naming the parameter and the file, never the content
     */
    static String secret(String parameter, String value) {
        String v = value == null ? "" : value.trim();
        if (v.startsWith("env:")) {
            String resolved = System.getenv(v.substring(4));
            return resolved == null ? "" : resolved.trim();
        }
        if (v.startsWith("file:")) {
            java.nio.file.Path file = java.nio.file.Path.of(v.substring(5));
            try {
                return java.nio.file.Files.readString(file).trim();
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException(parameter + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                        + "); make it readable by the hub or correct the path");
            }
        }
        return v;
    }

    static byte[] engineIdBytes(String hex) {
        if (hex == null || hex.isBlank()) {
            return null;
        }
        String h = hex.trim().replace(":", "");
        if (h.startsWith("0x") || h.startsWith("0X")) {
            h = h.substring(2);
        }
        if (h.length() < 10 || h.length() > 64 || h.length() % 2 != 0 || !h.matches("[0-9A-Fa-f]+")) {
            throw new IllegalArgumentException("engineId '" + hex + "' must be 10 to 64 hex digits (5 to 32 bytes)");
        }
        return HexFormat.of().parseHex(h);
    }

    /** The severity of unknown-trap alerts, or null for none. */
    Severity unknownSeverityValue() {
        return "none".equalsIgnoreCase(unknownSeverity.trim()) ? null : Severity.parse(unknownSeverity);
    }

    public String getName() {
        return name;
    }

    public String getBindHost() { return bindHost; }
    public void setBindHost(String v) { bindHost = v; }
    public int getUdpPort() { return udpPort; }
    public void setUdpPort(int v) { udpPort = v; }
    public Integer getTcpPort() { return tcpPort; }
    public void setTcpPort(Integer v) { tcpPort = v; }
    public int getUdpReceiveBufferSize() { return udpReceiveBufferSize; }
    public void setUdpReceiveBufferSize(int v) { udpReceiveBufferSize = v; }
    public String getCommunities() { return communities; }
    public void setCommunities(String v) { communities = v == null ? "" : v; }
    public String getUsers() { return users; }
    public void setUsers(String v) { users = v == null ? "" : v; }
    public String getEngineId() { return engineId; }
    public void setEngineId(String v) { engineId = v; }
    public String getDefinitionsDir() { return definitionsDir; }
    public void setDefinitionsDir(String v) { definitionsDir = v; }
    public String getUnknownSeverity() { return unknownSeverity; }
    public void setUnknownSeverity(String v) { unknownSeverity = v; }
    public int getMaxUnknownTraps() { return maxUnknownTraps; }
    public void setMaxUnknownTraps(int v) { maxUnknownTraps = v; }
    public int getDispatcherThreads() { return dispatcherThreads; }
    public void setDispatcherThreads(int v) { dispatcherThreads = v; }
    /** The configured number of workers, 0 resolved to one per core (at least 2). */
    public int getWorkers() { return workers > 0 ? workers : Math.max(2, Runtime.getRuntime().availableProcessors()); }
    public void setWorkers(int v) { workers = v; }
    public int getQueueCapacity() { return queueCapacity; }
    public void setQueueCapacity(int v) { queueCapacity = v; }
}
