package io.mimamori.connector.cloudwatch.sns;

import io.mimamori.connector.cloudwatch.AlarmMappingSettings;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** The alarm mapping settings of one SNS input (the kamelet passes its parameters on). */
final class AlarmStepEndpoint extends DefaultEndpoint {
    private final String name;
    private String severityTag = "severity";
    private String severityNamePattern = AlarmMappingSettings.DEFAULT_NAME_PATTERN;
    private String defaultSeverity = "major";
    private String insufficientData = "alert";
    private String insufficientDataSeverity = "warning";
    private int maxBodyBytes = AlarmMappingSettings.DEFAULT_MAX_BODY_BYTES;

    AlarmStepEndpoint(String uri, AlarmStepComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        return new AlarmStepProducer(this, name, AlarmMappingSettings.of(severityTag, severityNamePattern,
                defaultSeverity, insufficientData, insufficientDataSeverity, maxBodyBytes));
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("mimamori-cloudwatch-alarm is a step: use it with to:, after the SNS receiver");
    }

    public void setSeverityTag(String v) { severityTag = v; }

    public void setSeverityNamePattern(String v) { severityNamePattern = v; }

    public void setDefaultSeverity(String v) { defaultSeverity = v; }

    public void setInsufficientData(String v) { insufficientData = v; }

    public void setInsufficientDataSeverity(String v) { insufficientDataSeverity = v; }

    public void setMaxBodyBytes(int v) { maxBodyBytes = v; }
}
