package io.mimamori.connector.cloudwatch.sns;

import io.mimamori.connector.cloudwatch.AlarmMappingEndpoint;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;

/** The alarm mapping settings of one SNS input (the kamelet passes its parameters on). */
final class AlarmStepEndpoint extends AlarmMappingEndpoint {
    private final String name;

    AlarmStepEndpoint(String uri, AlarmStepComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        return new AlarmStepProducer(this, name, mappingSettings());
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("mimamori-cloudwatch-alarm is a step: use it with to:, after the SNS receiver");
    }
}
