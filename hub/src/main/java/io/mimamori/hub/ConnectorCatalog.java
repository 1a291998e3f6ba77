package io.mimamori.hub;

import io.mimamori.spi.Connector;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The connectors on the class path, found through their {@code META-INF/services} descriptors. */
public final class ConnectorCatalog {
    private ConnectorCatalog() {
    }

    /** By name; a descriptor that fails to load is reported on stderr and skipped. */
    public static Map<String, Connector> load() {
        Map<String, Connector> out = new TreeMap<>();
        ServiceLoader<Connector> loader = ServiceLoader.load(Connector.class);
        var it = loader.stream().iterator();
        while (it.hasNext()) {
            ServiceLoader.Provider<Connector> p = it.next();
            try {
                Connector c = p.get();
                out.put(c.name(), c);
            } catch (RuntimeException | java.util.ServiceConfigurationError e) {
                System.err.println("connector " + p.type().getName() + " cannot be loaded: " + e.getMessage());
            }
        }
        return out;
    }
}
