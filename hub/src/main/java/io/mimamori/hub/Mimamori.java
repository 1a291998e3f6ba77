package io.mimamori.hub;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.CliCommand;
import io.mimamori.spi.Connector;
import io.mimamori.spi.ParameterSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code mimamori} command. */
@Command(name = "mimamori", mixinStandardHelpOptions = true, versionProvider = Mimamori.Version.class,
        description = "Connector hub for 24/7 system monitoring: syslog, SNMP traps and CloudWatch alarms in, one alert schema out.",
        subcommands = {Mimamori.Run.class, Mimamori.Validate.class, Mimamori.Connectors.class, DlqCommand.class,
                TestRulesCommand.class})
public final class Mimamori implements Callable<Integer> {

    /** Exit code for invalid configuration. */
    public static final int INVALID_CONFIG = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Mimamori()).setCaseInsensitiveEnumValuesAllowed(true);
        for (CliCommand c : java.util.ServiceLoader.load(CliCommand.class)) {
            if (!cl.getSubcommands().containsKey(c.name())) {
                CommandLine sub = new CommandLine(new Extension(c)).setUnmatchedOptionsArePositionalParams(true);
                sub.getCommandSpec().usageMessage().description(c.description()).footer(c.usage());
                cl.addSubcommand(c.name(), sub);
            }
        }
        return cl;
    }

    /** A command a connector module adds ({@link CliCommand}); its words are passed through as they are. */
    @Command(description = "A connector's command.")
    static final class Extension implements Callable<Integer> {
        private final CliCommand command;

        @CommandLine.Parameters(arity = "0..*", paramLabel = "ARG")
        List<String> args = new java.util.ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Extension(CliCommand command) {
            this.command = command;
        }

        @Override
        public Integer call() {
            if (args.contains("--help") || args.contains("-h")) {
                spec.commandLine().usage(spec.commandLine().getOut());
                return 0;
            }
            return command.run(List.copyOf(args), spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Options shared by the commands that read a deployment. */
    static class DeploymentOptions {
        @Option(names = "--config", paramLabel = "DIR", description = "Config directory (default: $MIMAMORI_CONFIG_DIR or ./config)")
        Path configDir;

        @Option(names = "--routes", paramLabel = "DIR", description = "Route files directory (default: $MIMAMORI_ROUTES_DIR or ./routes)")
        Path routesDir;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a property, e.g. --set camel.server.port=8081 (repeatable)")
        Map<String, String> set = new LinkedHashMap<>();

        HubSettings settings(Path dataDir) {
            return HubSettings.resolve(configDir, routesDir, dataDir, set, System.getenv());
        }
    }

    static void printProblems(PrintWriter err, List<ConfigProblem> problems) {
        problems.forEach(p -> err.println(p));
        err.println(problems.size() + " problem(s) found");
        err.flush();
    }

    /** Warnings as {@code file:line: warning: ...}, one a line. */
    static void printWarnings(PrintWriter err, List<ConfigProblem> warnings) {
        warnings.forEach(w -> err.println(warning(w)));
        err.flush();
    }

    static String warning(ConfigProblem w) {
        return new ConfigProblem(w.file(), w.line(), "warning: " + w.message()).toString();
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Validate the deployment, then run the hub until stopped (SIGTERM drains in-flight input).")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        DeploymentOptions options = new DeploymentOptions();

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory for the outbox and alerts.jsonl (default: $MIMAMORI_DATA_DIR or ./data)")
        Path dataDir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            HubSettings settings = options.settings(dataDir);
            Logging.configure(settings);
            ConfigValidator validator = new ConfigValidator(settings, ConnectorCatalog.load(), System.getenv());
            List<ConfigProblem> problems = validator.validate();
            if (!problems.isEmpty()) {
                printProblems(spec.commandLine().getErr(), problems);
                spec.commandLine().getErr().println("refusing to start: fix the problems above and run again");
                return INVALID_CONFIG;
            }
            // the logger is made only now, after Logging.configure chose the layout
            validator.warnings().forEach(w -> org.slf4j.LoggerFactory.getLogger(Mimamori.class).warn("{}", warning(w)));
            return new HubRunner(settings, validator.deliverySinks()).run();
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check every route file, rule file and property; print each problem as file:line: what to change.")
    static final class Validate implements Callable<Integer> {
        @CommandLine.Mixin
        DeploymentOptions options = new DeploymentOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            HubSettings settings = options.settings(null);
            ConfigValidator validator = new ConfigValidator(settings, ConnectorCatalog.load(), System.getenv());
            List<ConfigProblem> problems = validator.validate();
            printWarnings(spec.commandLine().getErr(), validator.warnings());
            if (problems.isEmpty()) {
                spec.commandLine().getOut().println("OK: " + settings.routesDir() + " and " + settings.configDir() + " are valid"
                        + (validator.warnings().isEmpty() ? "" : " (" + validator.warnings().size() + " warning(s))"));
                return 0;
            }
            printProblems(spec.commandLine().getErr(), problems);
            return INVALID_CONFIG;
        }
    }

    @Command(name = "connectors", mixinStandardHelpOptions = true,
            description = "List the connectors found on the class path (lib/) with their parameters.")
    static final class Connectors implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, Connector> all = ConnectorCatalog.load();
            for (Connector c : all.values()) {
                out.printf("%s (%s, version %s)%n  %s%n", c.name(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
                        c.version(), c.description());
                for (ParameterSpec p : c.parameters()) {
                    StringBuilder line = new StringBuilder("    ").append(p.name()).append(" : ").append(p.type());
                    if (p.required()) {
                        line.append(", required");
                    }
                    if (p.defaultValue() != null) {
                        line.append(", default ").append(p.defaultValue());
                    }
                    if (!p.allowed().isEmpty()) {
                        line.append(", one of ").append(String.join("|", p.allowed()));
                    }
                    if (p.secret()) {
                        line.append(", secret");
                    }
                    if (p.title() != null) {
                        line.append(" - ").append(p.title());
                    }
                    out.println(line);
                }
            }
            out.println(all.size() + " connector(s)");
            out.flush();
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Mimamori.class.getPackage().getImplementationVersion();
            return new String[] {"mimamori " + (v == null ? "dev" : v)};
        }
    }
}
