package io.mimamori.connector.snmp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code mimamori mib import FILE...}: turns the NOTIFICATION-TYPE and TRAP-TYPE definitions of MIB
 * files into a trap definition skeleton for {@code config/rules/snmp/}: OIDs resolved, the objects
 * each trap carries declared with their OIDs, enumerations and descriptions, one definition per
 * trap with a summary naming every variable. The MIBs are compiled by libsmi's {@code smidump}
 * (Debian package {@code smitools}), not parsed here. Modules the files import are looked up beside
 * the files, on {@code --mib-path} directories and on {@code SMIPATH}; for the SMI's own modules
 * (SNMPv2-SMI, SNMPv2-TC, SNMPv2-CONF, RFC1155-SMI, RFC-1212, RFC-1215) stand-ins are used when no
 * real one is found.
 */
public final class MibImport {
    static final List<String> STAND_INS = List.of("SNMPv2-SMI", "SNMPv2-TC", "SNMPv2-CONF", "RFC1155-SMI",
            "RFC-1212", "RFC-1215");
    private static final Set<String> RESERVED = Set.of(
            "host", "ip", "peer", "trapOid", "trapName", "version", "securityName", "uptime", "enterprise");
    private static final long SMIDUMP_TIMEOUT_SECONDS = 60;

    /** A compiled MIB object: scalar, column or notification. */
    record MibNode(String module, String name, String oid, Map<String, String> values, String description) {
    }

    /** One notification with the objects it carries, by module and name. */
    record Notification(String module, String name, String oid, List<String[]> objects, String description) {
    }

    private MibImport() {
    }

    /** {@code MibImport [--mib-path DIR]... [--out FILE] FILE...}; exit code 0, or 2 on any problem. */
    /**
     * Writes the skeleton for {@code files} to {@code out}; problems go to {@code err}, each naming the
     * file and what to do.
     *
     * @param mibPath extra directories where imported modules are looked up
     * @return 0 when a skeleton was written, 2 when nothing could be
     */
    public static int run(List<Path> files, List<Path> mibPath, Appendable out, Appendable err) {
        try {
            if (files.isEmpty()) {
                err.append("mib import: give at least one MIB file\n");
                return 2;
            }
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    err.append(f.toString()).append(": no such file\n");
                    return 2;
                }
            }
            Path standIns = standInDirectory();
            try {
                String smiPath = searchPath(files, mibPath, standIns);
                Map<String, MibNode> nodes = new LinkedHashMap<>();
                List<Notification> notifications = new ArrayList<>();
                List<String> modules = new ArrayList<>();
                for (Path f : files) {
                    Document doc = smidump(f.toAbsolutePath().toString(), smiPath, f.toString(), err);
                    if (doc == null) {
                        return 2;
                    }
                    modules.add(read(doc, nodes, notifications));
                }
                // objects of imported modules: compile those modules too (found on the search path)
                Set<String> missingModules = new LinkedHashSet<>();
                for (Notification n : notifications) {
                    for (String[] o : n.objects()) {
                        if (!nodes.containsKey(o[0] + "::" + o[1]) && !modules.contains(o[0])) {
                            missingModules.add(o[0]);
                        }
                    }
                }
                for (String module : missingModules) {
                    Document doc = smidump(module, smiPath, "imported module " + module, null);
                    if (doc != null) {
                        read(doc, nodes, new ArrayList<>());
                    }
                }
                if (notifications.isEmpty()) {
                    err.append(String.join(", ", files.stream().map(Path::toString).toList()))
                            .append(": no NOTIFICATION-TYPE or TRAP-TYPE definitions found\n");
                    return 2;
                }
                write(files, modules, nodes, notifications, out);
                return 0;
            } finally {
                deleteTree(standIns);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String searchPath(List<Path> files, List<Path> mibPath, Path standIns) {
        Set<String> dirs = new LinkedHashSet<>();
        for (Path f : files) {
            Path parent = f.toAbsolutePath().getParent();
            if (parent != null) {
                dirs.add(parent.toString());
            }
        }
        mibPath.forEach(p -> dirs.add(p.toAbsolutePath().toString()));
        String env = System.getenv("SMIPATH");
        if (env != null && !env.isBlank()) {
            dirs.add(env);
        }
        dirs.add("/usr/share/snmp/mibs");
        dirs.add("/usr/share/snmp/mibs/ietf");
        dirs.add("/usr/share/snmp/mibs/iana");
        dirs.add(standIns.toString());
        return String.join(":", dirs);
    }

    private static Path standInDirectory() throws IOException {
        Path dir = Files.createTempDirectory("mimamori-smi");
        for (String module : STAND_INS) {
            try (InputStream in = MibImport.class.getResourceAsStream("smi/" + module)) {
                if (in == null) {
                    throw new IllegalStateException("stand-in module " + module + " missing from the jar");
                }
                Files.copy(in, dir.resolve(module));
            }
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Runs {@code smidump -f xml}; null (with the reason written to {@code err}) when it fails. */
    private static Document smidump(String fileOrModule, String smiPath, String what, Appendable err)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder("smidump", "-f", "xml", "-l", "3", fileOrModule);
        pb.environment().put("SMIPATH", smiPath);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            if (err != null) {
                err.append("mib import needs libsmi's smidump (Debian/Ubuntu: apt-get install smitools): ")
                        .append(e.getMessage()).append('\n');
            }
            return null;
        }
        byte[] stdout;
        byte[] stderr;
        try {
            var errFuture = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            stdout = p.getInputStream().readAllBytes();
            if (!p.waitFor(SMIDUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                if (err != null) {
                    err.append(what).append(": smidump did not finish within ").append(
                            Long.toString(SMIDUMP_TIMEOUT_SECONDS)).append(" s\n");
                }
                return null;
            }
            stderr = errFuture.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return null;
        }
        String problems = new String(stderr, StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0 || stdout.length == 0) {
            if (err != null) {
                err.append(what).append(": smidump could not compile it").append(problems.isEmpty() ? "" : ":\n")
                        .append(problems.isEmpty() ? "" : indent(problems))
                        .append("\n  (a module it imports may be missing: put its file beside this one or give "
                                + "--mib-path DIR)\n");
            }
            return null;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(stdout));
        } catch (Exception e) {
            if (err != null) {
                err.append(what).append(": cannot read smidump's output: ").append(e.getMessage()).append('\n');
            }
            return null;
        }
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }

    /** Collects the objects and notifications of one compiled module; returns the module's name. */
    private static String read(Document doc, Map<String, MibNode> nodes, List<Notification> notifications) {
        Element module = first(doc.getDocumentElement(), "module");
        String moduleName = module == null ? "?" : module.getAttribute("name");
        for (String tag : List.of("scalar", "column", "node")) {
            NodeList list = doc.getElementsByTagName(tag);
            for (int i = 0; i < list.getLength(); i++) {
                Element e = (Element) list.item(i);
                Map<String, String> values = new LinkedHashMap<>();
                NodeList named = e.getElementsByTagName("namednumber");
                for (int j = 0; j < named.getLength(); j++) {
                    Element n = (Element) named.item(j);
                    values.put(n.getAttribute("number"), n.getAttribute("name"));
                }
                nodes.putIfAbsent(moduleName + "::" + e.getAttribute("name"), new MibNode(moduleName,
                        e.getAttribute("name"), e.getAttribute("oid"), values, description(e)));
            }
        }
        NodeList list = doc.getElementsByTagName("notification");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            List<String[]> objects = new ArrayList<>();
            NodeList os = e.getElementsByTagName("object");
            for (int j = 0; j < os.getLength(); j++) {
                Element o = (Element) os.item(j);
                objects.add(new String[] {o.getAttribute("module"), o.getAttribute("name")});
            }
            notifications.add(new Notification(moduleName, e.getAttribute("name"), e.getAttribute("oid"), objects,
                    description(e)));
        }
        return moduleName;
    }

    private static Element first(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static String description(Element e) {
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element d && d.getTagName().equals("description")) {
                return d.getTextContent().trim().replaceAll("\\s+", " ");
            }
        }
        return "";
    }

    private static void write(List<Path> files, List<String> modules, Map<String, MibNode> nodes,
            List<Notification> notifications, Appendable out) throws IOException {
        out.append("# Trap definitions imported with 'mimamori mib import' from ")
                .append(String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList()))
                .append(" (").append(String.join(", ", modules)).append(").\n")
                .append("# A skeleton: set each trap's severity, layer, summary, resource and dedupKey, pair\n")
                .append("# problems with the traps that clear them (clears:), and delete what you do not need.\n")
                .append("# Format: connectors/snmp/README.md. Add test traps in tests/*.test.yaml.\n");
        Map<String, String> declared = new LinkedHashMap<>();
        StringBuilder objects = new StringBuilder();
        StringBuilder unresolved = new StringBuilder();
        for (Notification n : notifications) {
            for (String[] ref : n.objects()) {
                MibNode node = nodes.get(ref[0] + "::" + ref[1]);
                String name = yamlName(ref[1]);
                if (declared.containsKey(name)) {
                    continue;
                }
                if (node == null || node.oid().isEmpty()) {
                    unresolved.append("#   ").append(ref[0]).append("::").append(ref[1])
                            .append(" (module not found: give its file or --mib-path)\n");
                    declared.put(name, "");
                    continue;
                }
                declared.put(name, node.oid());
                objects.append("  ").append(name).append(": ");
                if (node.values().isEmpty()) {
                    objects.append(node.oid());
                } else {
                    objects.append("{ oid: ").append(node.oid()).append(", values: { ");
                    List<String> pairs = new ArrayList<>();
                    node.values().forEach((k, v) -> pairs.add(k + ": " + v));
                    objects.append(String.join(", ", pairs)).append(" } }");
                }
                objects.append(comment(node.description())).append('\n');
            }
        }
        for (Notification n : notifications) {
            String name = yamlName(n.name());
            if (!declared.containsKey(name)) {
                declared.put(name, n.oid());
                objects.append("  ").append(name).append(": ").append(n.oid()).append("   # notification\n");
            }
        }
        out.append("objects:\n").append(objects);
        if (unresolved.length() > 0) {
            out.append("# Objects whose OID smidump could not resolve (left out of the summaries):\n").append(unresolved);
        }
        out.append("traps:\n");
        for (Notification n : notifications) {
            String name = yamlName(n.name());
            List<String> vars = new ArrayList<>();
            for (String[] ref : n.objects()) {
                String v = yamlName(ref[1]);
                if (!declared.getOrDefault(v, "").isEmpty()) {
                    vars.add(v);
                }
            }
            StringBuilder summary = new StringBuilder(n.name()).append(" from ${host}");
            for (int i = 0; i < vars.size(); i++) {
                summary.append(i == 0 ? ": " : ", ").append(vars.get(i)).append("=${").append(vars.get(i)).append('}');
            }
            if (!n.description().isEmpty()) {
                out.append("  # ").append(truncate(n.description(), 300)).append('\n');
            }
            out.append("  - name: ").append(name).append('\n')
                    .append("    oid: ").append(n.oid()).append("   # ").append(n.module()).append("::")
                    .append(n.name()).append('\n')
                    .append("    event: ").append(name).append('\n')
                    .append("    severity: warning\n")
                    .append("    layer: unknown\n")
                    .append("    summary: ").append(quote(summary.toString())).append('\n')
                    .append("    dedupKey: ").append(quote(name + "/${host}")).append('\n');
        }
    }

    /** A MIB name usable in a template: hyphens are allowed, names that clash with built-ins get a suffix. */
    private static String yamlName(String mibName) {
        String n = mibName.replaceAll("[^A-Za-z0-9_-]", "_");
        if (n.isEmpty() || !Character.isLetter(n.charAt(0))) {
            n = "x" + n;
        }
        return RESERVED.contains(n) ? n + "Object" : n;
    }

    private static String comment(String description) {
        return description.isEmpty() ? "" : "   # " + truncate(description, 120);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
