package io.mimamori.connector.syslog;

import io.mimamori.connector.syslog.internal.net.SyslogServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One syslog input: its listeners, rules and threshold. Parameters are those of the kamelet. */
public final class SyslogEndpoint extends DefaultEndpoint {
    private final String name;
    private String bindHost = "0.0.0.0";
    private Integer udpPort;
    private Integer tcpPort;
    private Integer tlsPort;
    private String tlsCertFile;
    private String tlsKeyFile;
    private String tlsClientCaFile;
    private int maxFrameSize = 65536;
    private int udpReceiveBufferSize = 8 * 1024 * 1024;
    private int maxConnections = 1000;
    private String rulesDir;
    private String alertSeverityThreshold = "crit";
    private String rfc3164TimeZone = "UTC";
    private int workers;
    private int queueCapacity = 32768;

    SyslogEndpoint(String uri, SyslogComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("syslog-source only receives; send alerts to direct:ingest instead");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SyslogConsumer consumer = new SyslogConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The network settings; validation errors name the kamelet parameter. */
    SyslogServerConfig serverConfig() {
        if (udpPort == null && tcpPort == null && tlsPort == null) {
            throw new IllegalArgumentException("syslog-source '" + name
                    + "' has no listener: give at least one of udpPort, tcpPort, tlsPort");
        }
        SyslogServerConfig d = SyslogServerConfig.defaults();
        return new SyslogServerConfig(bindHost, udpPort, tcpPort, tlsPort, maxFrameSize, udpReceiveBufferSize,
                d.udpThreads(), maxConnections, d.maxInFlightPerConnection(), d.idleTimeout(),
                path(tlsCertFile), path(tlsKeyFile), path(tlsClientCaFile));
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    /** Syslog severity number at or below which unmatched messages still alert; -1 for none. */
    int thresholdSeverity() {
        return SyslogSeverities.thresholdOf(alertSeverityThreshold);
    }

    public String getName() {
        return name;
    }

    public String getBindHost() { return bindHost; }
    public void setBindHost(String v) { bindHost = v; }
    public Integer getUdpPort() { return udpPort; }
    public void setUdpPort(Integer v) { udpPort = v; }
    public Integer getTcpPort() { return tcpPort; }
    public void setTcpPort(Integer v) { tcpPort = v; }
    public Integer getTlsPort() { return tlsPort; }
    public void setTlsPort(Integer v) { tlsPort = v; }
    public String getTlsCertFile() { return tlsCertFile; }
    public void setTlsCertFile(String v) { tlsCertFile = v; }
    public String getTlsKeyFile() { return tlsKeyFile; }
    public void setTlsKeyFile(String v) { tlsKeyFile = v; }
    public String getTlsClientCaFile() { return tlsClientCaFile; }
    public void setTlsClientCaFile(String v) { tlsClientCaFile = v; }
    public int getMaxFrameSize() { return maxFrameSize; }
    public void setMaxFrameSize(int v) { maxFrameSize = v; }
    public int getUdpReceiveBufferSize() { return udpReceiveBufferSize; }
    public void setUdpReceiveBufferSize(int v) { udpReceiveBufferSize = v; }
    public int getMaxConnections() { return maxConnections; }
    public void setMaxConnections(int v) { maxConnections = v; }
    public String getRulesDir() { return rulesDir; }
    public void setRulesDir(String v) { rulesDir = v; }
    public String getAlertSeverityThreshold() { return alertSeverityThreshold; }
    public void setAlertSeverityThreshold(String v) { alertSeverityThreshold = v; }
    /** The configured number of workers, 0 resolved to one per core (at least 2). */
    public int getWorkers() { return workers > 0 ? workers : Math.max(2, Runtime.getRuntime().availableProcessors()); }
    public void setWorkers(int v) { workers = v; }
    public int getQueueCapacity() { return queueCapacity; }
    public void setQueueCapacity(int v) { queueCapacity = v; }
    public String getRfc3164TimeZone() { return rfc3164TimeZone; }
    public void setRfc3164TimeZone(String v) { rfc3164TimeZone = v; }

    Duration drainTimeout() {
        return Duration.ofSeconds(20);
    }
}
