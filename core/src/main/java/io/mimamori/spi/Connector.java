package io.mimamori.spi;

import io.mimamori.config.ConfigProblem;
import java.util.List;
import java.util.Map;

/**
 * What the hub knows about a connector module, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.mimamori.spi.Connector}). Its name is the name of the kamelet the
 * module ships; its parameters are that kamelet's declared parameters, so there is one source of
 * truth for a connector's configuration. Most connectors extend {@link KameletConnector}.
 */
public interface Connector {

    enum Kind { SOURCE, SINK }

    /** The kamelet name, e.g. {@code syslog-source}; names say the direction. */
    String name();

    Kind kind();

    String version();

    /** One line for {@code mimamori connectors}. */
    String description();

    List<ParameterSpec> parameters();

    /** The connector's health across its running instances. */
    Health health();

    /**
     * Checks one use of this connector in a route file beyond its declared parameter types, for
     * {@code mimamori validate} and start-up: e.g. that the rule files it would load are valid.
     *
     * @param parameters the use's parameters with placeholders resolved and defaults applied
     */
    default List<ConfigProblem> checkUse(Map<String, String> parameters) {
        return List.of();
    }
}
