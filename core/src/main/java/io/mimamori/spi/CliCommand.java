package io.mimamori.spi;

import java.io.PrintWriter;
import java.util.List;

/**
 * A command a connector module adds to {@code bin/mimamori}, found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.mimamori.spi.CliCommand}), so the
 * hub offers e.g. {@code mimamori mib import} without knowing the SNMP connector.
 */
public interface CliCommand {
    /** The first word after {@code mimamori}, e.g. {@code mib}; must not clash with the hub's own commands. */
    String name();

    /** One line for {@code mimamori --help}. */
    String description();

    /** Usage lines shown for {@code mimamori NAME --help}. */
    String usage();

    /**
     * Runs the command with the words after its name.
     *
     * @return the exit code: 0 on success, 2 for bad usage or input
     */
    int run(List<String> args, PrintWriter out, PrintWriter err);
}
