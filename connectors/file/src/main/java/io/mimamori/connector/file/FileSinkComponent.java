package io.mimamori.connector.file;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** The {@code mimamori-file:NAME} component behind the {@code file-sink} kamelet. */
public final class FileSinkComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FileSinkEndpoint endpoint = new FileSinkEndpoint(uri, this);
        setProperties(endpoint, parameters);
        if (endpoint.getPath() == null || endpoint.getPath().isBlank()) {
            throw new IllegalArgumentException("file-sink needs a path: the JSON lines file to append to");
        }
        return endpoint;
    }
}
