package io.mimamori.connector.snmp;

import io.mimamori.spi.CliCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code mimamori mib import [--mib-path DIR]... [--out FILE] MIB-FILE...}: see {@link MibImport}. */
public final class MibCommand implements CliCommand {
    private static final String USAGE = "usage: mimamori mib import [--mib-path DIR]... [--out FILE] MIB-FILE...";

    @Override
    public String name() {
        return "mib";
    }

    @Override
    public String description() {
        return "Turn vendor MIB files' trap definitions into a skeleton for config/rules/snmp (needs libsmi's smidump).";
    }

    @Override
    public String usage() {
        return USAGE + "\n  --mib-path DIR  where modules the MIB imports are found (repeatable)\n"
                + "  --out FILE      write the skeleton there instead of standard output";
    }

    @Override
    public int run(List<String> args, PrintWriter out, PrintWriter err) {
        if (args.isEmpty() || !args.get(0).equals("import")) {
            err.println(USAGE);
            err.flush();
            return 2;
        }
        List<Path> files = new ArrayList<>();
        List<Path> mibPath = new ArrayList<>();
        Path target = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--mib-path") || a.equals("--out")) && i + 1 < args.size()) {
                if (a.equals("--out")) {
                    target = Path.of(args.get(++i));
                } else {
                    mibPath.add(Path.of(args.get(++i)));
                }
            } else if (a.startsWith("-")) {
                err.println("unknown option " + a + "\n" + USAGE);
                err.flush();
                return 2;
            } else {
                files.add(Path.of(a));
            }
        }
        StringBuilder yaml = new StringBuilder();
        int code = MibImport.run(files, mibPath, yaml, err);
        if (code == 0) {
            if (target == null) {
                out.print(yaml);
            } else {
                try {
                    Files.writeString(target, yaml, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println(target + ": cannot write: " + e.getMessage());
                    code = 2;
                }
            }
        }
        out.flush();
        err.flush();
        return code;
    }
}
