package io.mimamori.connector.cloudwatch;

import org.apache.camel.Component;
import org.apache.camel.support.DefaultEndpoint;

/**
 * An endpoint that turns CloudWatch alarm messages into alerts: the mapping parameters both
 * CloudWatch sources take (the SQS source and the SNS source's mapping step), with their defaults.
 */
public abstract class AlarmMappingEndpoint extends DefaultEndpoint {
    private String severityTag = AlarmMappingSettings.PARAMETER_DEFAULTS.get(SeverityConvention.TAG);
    private String severityNamePattern = AlarmMappingSettings.PARAMETER_DEFAULTS.get(SeverityConvention.NAME_PATTERN);
    private String defaultSeverity = AlarmMappingSettings.PARAMETER_DEFAULTS.get(SeverityConvention.DEFAULT_SEVERITY);
    private String insufficientData = AlarmMappingSettings.PARAMETER_DEFAULTS.get("insufficientData");
    private String insufficientDataSeverity =
            AlarmMappingSettings.PARAMETER_DEFAULTS.get(SeverityConvention.INSUFFICIENT_DATA_SEVERITY);
    private int maxBodyBytes = AlarmMappingSettings.DEFAULT_MAX_BODY_BYTES;

    protected AlarmMappingEndpoint(String uri, Component component) {
        super(uri, component);
    }

    /** The mapping settings; errors name the parameter. */
    public AlarmMappingSettings mappingSettings() {
        return AlarmMappingSettings.of(severityTag, severityNamePattern, defaultSeverity, insufficientData,
                insufficientDataSeverity, maxBodyBytes);
    }

    public String getSeverityTag() { return severityTag; }
    public void setSeverityTag(String v) { severityTag = v; }
    public String getSeverityNamePattern() { return severityNamePattern; }
    public void setSeverityNamePattern(String v) { severityNamePattern = v; }
    public String getDefaultSeverity() { return defaultSeverity; }
    public void setDefaultSeverity(String v) { defaultSeverity = v; }
    public String getInsufficientData() { return insufficientData; }
    public void setInsufficientData(String v) { insufficientData = v; }
    public String getInsufficientDataSeverity() { return insufficientDataSeverity; }
    public void setInsufficientDataSeverity(String v) { insufficientDataSeverity = v; }
    public int getMaxBodyBytes() { return maxBodyBytes; }
    public void setMaxBodyBytes(int v) { maxBodyBytes = v; }
}
