package io.mimamori.hub;

import io.mimamori.outbox.DeadLetters;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mimamori dlq}: the alerts a sink rejected for good. Works on the data directory's outbox
 * whether the hub runs or not; a replayed entry is delivered by the running hub within a second,
 * or at its next start.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "List, show and replay alerts that a sink rejected for good (the dead-letter store).",
        subcommands = {DlqCommand.ListDead.class, DlqCommand.Show.class, DlqCommand.Replay.class})
final class DlqCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static class Where {
        @CommandLine.Mixin
        Mimamori.DeploymentOptions options = new Mimamori.DeploymentOptions();

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The hub's data directory (default: $MIMAMORI_DATA_DIR or ./data)")
        Path dataDir;

        Path dataDir() {
            return options.settings(dataDir).dataDir();
        }
    }

    /** Runs {@code body}; a missing outbox or a database error is one clear line and exit code 1. */
    static int guarded(PrintWriter err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (NoSuchFileException e) {
            err.println(e.getFile() + ": " + e.getReason());
        } catch (Exception e) {
            err.println("cannot read the dead-letter store: " + e.getMessage());
        }
        err.flush();
        return 1;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters, oldest first.")
    static final class ListDead implements Callable<Integer> {
        @CommandLine.Mixin
        Where where = new Where();

        @Option(names = "--sink", paramLabel = "NAME", description = "Only this sink's (the mimamori-outbox route name)")
        String sink;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return guarded(spec.commandLine().getErr(), () -> {
                var dead = DeadLetters.list(where.dataDir(), sink);
                out.printf("%-8s %-16s %-24s %-8s %-12s %-9s %s%n", "ID", "SINK", "REJECTED AT", "TRIES", "TENANT", "STATUS", "REASON");
                for (var d : dead) {
                    out.printf("%-8d %-16s %-24s %-8d %-12s %-9s %s%n", d.id(), d.sink(), d.at(), d.attempts(), d.tenant(),
                            d.status(), d.reason());
                }
                out.println(dead.size() + " dead letter(s)");
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the alert JSON of one dead letter.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Mixin
        Where where = new Where();

        @CommandLine.Parameters(paramLabel = "ID", description = "A dead letter's id from dlq list")
        long id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return guarded(err, () -> {
                String json = DeadLetters.alertJson(where.dataDir(), id);
                if (json == null) {
                    err.println("no delivery with id " + id + ": see mimamori dlq list");
                    err.flush();
                    return 1;
                }
                out.println(json);
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Queue dead letters for delivery again (after fixing what the sink objected to).")
    static final class Replay implements Callable<Integer> {
        @CommandLine.Mixin
        Where where = new Where();

        @Option(names = "--id", paramLabel = "ID", split = ",", description = "Dead letter ids (repeatable or comma-separated)")
        List<Long> ids = new ArrayList<>();

        @Option(names = "--sink", paramLabel = "NAME", description = "Every dead letter of this sink")
        String sink;

        @Option(names = "--all", description = "Every dead letter of every sink")
        boolean all;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (ids.isEmpty() && sink == null && !all) {
                err.println("say which dead letters to replay: --id ID..., --sink NAME or --all");
                err.flush();
                return 2;
            }
            return guarded(err, () -> {
                int n = DeadLetters.replay(where.dataDir(), ids, sink, Instant.now());
                out.println(n + " dead letter(s) queued for delivery again");
                out.flush();
                return n == 0 && !ids.isEmpty() ? 1 : 0;
            });
        }
    }
}
