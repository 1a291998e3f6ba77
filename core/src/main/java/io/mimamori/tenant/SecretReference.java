package io.mimamori.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a secret from where {@code tenants.yaml} says it is: {@code env:NAME} (an environment
 * variable) or {@code file:PATH} (a file, relative paths from the config directory; surrounding
 * whitespace removed). A secret written into the file itself is refused. Messages name the
 * reference, never the secret.
 */
final class SecretReference {
    private SecretReference() {
    }

    static boolean isReference(String value) {
        return value.startsWith("env:") || value.startsWith("file:");
    }

    /**
     * @throws IllegalArgumentException saying what is wrong and what to do
     */
    static String resolve(String reference, Path configDir, Function<String, String> environment) {
        String r = reference.trim();
        if (r.startsWith("env:")) {
            String name = r.substring(4);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + r + "' does not name an environment variable: write env:NAME"
                        + " with letters, digits and '_'");
            }
            String value = environment.apply(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("environment variable " + name + (value == null ? " is not set"
                        : " is empty") + ": set it in the hub's environment, or point to a file with file:PATH");
            }
            return value.trim();
        }
        if (r.startsWith("file:")) {
            Path file = configDir.resolve(r.substring(5));
            String value;
            try {
                value = Files.readString(file).trim();
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read " + file + " (" + e.getClass().getSimpleName()
                        + "): make it readable by the hub or correct the path");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException(file + " is empty: put the secret in it");
            }
            return value;
        }
        throw new IllegalArgumentException("a secret is written here in clear: put it in an environment variable"
                + " and write env:NAME, or in a file and write file:PATH");
    }
}
