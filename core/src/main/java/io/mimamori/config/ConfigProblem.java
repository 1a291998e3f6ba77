package io.mimamori.config;

/** One thing wrong in a config or route file, said as {@code file:line: what is wrong and what to do}. */
public record ConfigProblem(String file, int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
