package io.mimamori.connector.cloudwatch.sns;

import io.mimamori.connector.cloudwatch.AlarmMappingSettings;
import io.mimamori.connector.cloudwatch.AlarmParseException;
import io.mimamori.connector.cloudwatch.AlarmTenancy;
import io.mimamori.connector.cloudwatch.CloudWatchAlarmMapper;
import io.mimamori.connector.cloudwatch.MappedAlarm;
import io.mimamori.pipeline.SourceMetrics;
import io.mimamori.pipeline.Warnings;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the verified SNS notification in the body to the alerts of its CloudWatch alarm (the same
 * mapping as the SQS source), with the tenant of the alarm's AWS account and that tenant's
 * severity convention. A notification that is not an alarm, or whose account no tenant claims
 * under {@code unknown: reject}, is counted and ends the route quietly: SNS is answered 200 and
 * does not deliver it again.
 */
final class AlarmStepProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmStepProducer.class);

    private final String name;
    private final CloudWatchAlarmMapper mapper;
    private final Warnings warnings;
    private volatile SourceMetrics metrics;
    private volatile AlarmTenancy tenancy;

    AlarmStepProducer(AlarmStepEndpoint endpoint, String name, AlarmMappingSettings settings) {
        super(endpoint);
        this.name = name;
        this.mapper = new CloudWatchAlarmMapper(settings);
        this.warnings = new Warnings(LOG, SnsConsumer.CONNECTOR + " '" + name + "'");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        metrics = SourceMetrics.of(getEndpoint().getCamelContext(), SnsConsumer.CONNECTOR, name);
        tenancy = AlarmTenancy.of(getEndpoint().getCamelContext());
    }

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getMessage();
        String topic = in.getHeader(SnsHeaders.TOPIC_ARN, String.class);
        String messageId = in.getHeader(SnsHeaders.MESSAGE_ID, String.class);
        MappedAlarm mapped;
        try {
            mapped = mapper.map(in.getBody(String.class),
                    new CloudWatchAlarmMapper.Origin(SnsConsumer.CONNECTOR, name, topic, Instant.now()), tenancy);
        } catch (AlarmParseException e) {
            metrics.malformed(e.reason());
            warnings.warn(e.reason(), "notification {} of {} is not a CloudWatch alarm, dropped: {}", messageId, topic,
                    e.getMessage());
            exchange.setRouteStop(true);
            return;
        }
        if (mapped.ignoredReason() != null) {
            metrics.dropped(mapped.ignoredReason());
            warnings.warn(mapped.ignoredReason(), "notification {} makes no alert: {}", messageId, mapped.ignoredWhy());
            exchange.setRouteStop(true);
            return;
        }
        in.setBody(mapped.alerts());
    }
}
