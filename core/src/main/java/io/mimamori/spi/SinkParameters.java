package io.mimamori.spi;

import io.mimamori.spi.DeliveryException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parameter parsing and secret hygiene that every HTTP sink shares: URL checks, {@code key=value}
 * lists (per-tenant keys, extra headers) and scrubbing secrets out of what a sink reports. Every
 * message names the parameter and what to write instead, and never repeats a value that may be a
 * secret. The webhook, PagerDuty and Opsgenie sinks use it; it belongs in {@code io.mimamori.spi}.
 */
public final class SinkParameters {
    /** What replaces a secret in any message a sink produces. */
    public static final String MASK = "****";

    /** RFC 9110 §5.6.2 token: what a header name may consist of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern TENANT = Pattern.compile("[^\\s=,]+");

    private SinkParameters() {
    }

    /**
     * An absolute {@code http} or {@code https} URL with a host and no user info (credentials
     * belong in a secret parameter, not in a URL that is printed).
     *
     * @throws IllegalArgumentException naming {@code param} and what to write
     */
    public static URI httpUrl(String param, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("parameter '" + param + "' is empty: give an http:// or https:// URL");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("parameter '" + param + "' is not a URL (" + e.getReason()
                    + " at index " + e.getIndex() + "): give an http:// or https:// URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("parameter '" + param + "' must be an http:// or https:// URL, not "
                    + (scheme.isEmpty() ? "a relative one" : "'" + scheme + ":'"));
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("parameter '" + param + "' contains user info (user:password@): "
                    + "leave it out of the URL and give credentials in the sink's secret parameter");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("parameter '" + param + "' has no host: give a URL like https://host/path");
        }
        return uri;
    }

    /** Scheme, host and port of {@code uri}: what a sink may print of a URL whose path could hold a token. */
    public static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /**
     * Parses {@code tenant=secret} pairs separated by commas or new lines, e.g. a per-tenant routing
     * key map. Tenants are unique and contain no space, comma or {@code =}; secrets are not empty.
     * Messages name the entry by position or tenant, never by its secret.
     *
     * @return tenant to secret, in the given order; empty for a null or blank value
     */
    public static Map<String, String> tenantSecrets(String param, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        String[] entries = value.split("[,\\n]");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String where = "parameter '" + param + "', entry " + (i + 1);
            if (eq < 0) {
                throw new IllegalArgumentException(where + " has no '=': write tenant=secret pairs separated by commas");
            }
            String tenant = entry.substring(0, eq).trim();
            String secret = entry.substring(eq + 1).trim();
            if (tenant.isEmpty()) {
                throw new IllegalArgumentException(where + " has no tenant before '=': write tenant=secret");
            }
            if (!TENANT.matcher(tenant).matches()) {
                throw new IllegalArgumentException(where + ": tenant '" + tenant
                        + "' contains a space; tenants are written as in alerts' tenant field");
            }
            if (secret.isEmpty()) {
                throw new IllegalArgumentException(where + " (tenant '" + tenant + "') has nothing after '='");
            }
            if (out.put(tenant, secret) != null) {
                throw new IllegalArgumentException("parameter '" + param + "' gives tenant '" + tenant
                        + "' twice: keep one entry per tenant");
            }
        }
        return out;
    }

    /**
     * Parses HTTP header {@code Name=value} pairs separated by commas or new lines. Names must be
     * RFC 9110 tokens and may not be one of {@code reserved} (compared ignoring case).
     *
     * @param secret when true, messages leave out the values
     */
    public static Map<String, String> headers(String param, String value, Set<String> reserved, boolean secret) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        String[] entries = value.split("[,\\n]");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            String where = "parameter '" + param + "', entry " + (i + 1);
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + " is not Name=value: write e.g. X-Team=noc,X-Env=prod");
            }
            String name = entry.substring(0, eq).trim();
            String v = entry.substring(eq + 1).trim();
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": '" + name + "' is not a valid header name");
            }
            for (String r : reserved) {
                if (r.equalsIgnoreCase(name)) {
                    throw new IllegalArgumentException(where + ": header " + name
                            + " is set by the sink itself and cannot be given here");
                }
            }
            if (v.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new IllegalArgumentException(where + " (" + name + "): the value contains a control character"
                        + (secret ? "" : ": remove it"));
            }
            out.put(name, v);
        }
        return out;
    }

    /**
     * Camel reads endpoint parameters as URI query text: {@code &} ends the value, {@code +} becomes
     * a space and {@code %xx} is decoded, unless the value is written as {@code RAW(...)}. Returns
     * what to change when {@code value} (as written in the route, placeholders resolved) would be
     * altered that way, else null. Never repeats the value.
     */
    public static String uriSafety(String param, String value) {
        if (value == null || isRaw(value) || value.chars().noneMatch(c -> c == '&' || c == '+' || c == '%')) {
            return null;
        }
        return "parameter '" + param + "' contains '&', '+' or '%', which Camel would read as URI syntax and change:"
                + " write it as RAW(...), e.g. " + param + ": \"RAW({{your.property}})\"";
    }

    /** True for a value written as {@code RAW(...)} or {@code RAW{...}}. */
    public static boolean isRaw(String value) {
        String v = value.trim();
        return v.startsWith("RAW(") && v.endsWith(")") || v.startsWith("RAW{") && v.endsWith("}");
    }

    /** The value inside {@code RAW(...)} or {@code RAW{...}}, or the value itself. */
    public static String unraw(String value) {
        return value != null && isRaw(value) ? value.trim().substring(4, value.trim().length() - 1) : value;
    }

    /** {@code text} with every non-empty secret replaced by {@link #MASK}; null stays null. */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty() && out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    /** The same verdict, wait and status with every secret scrubbed from the message. */
    public static DeliveryException redact(DeliveryException e, Collection<String> secrets) {
        String message = redact(e.getMessage(), secrets);
        if (message.equals(e.getMessage())) {
            return e;
        }
        return switch (e.verdict()) {
            case RETRY -> e.status() == 0 && e.getCause() != null
                    ? DeliveryException.retry(message, e.getCause())
                    : DeliveryException.retry(message, e.retryAfter().orElse(null), e.status());
            case DEFERRED -> DeliveryException.deferred(message, e.retryAfter().orElse(null));
            case REJECTED -> DeliveryException.rejected(message, e.status());
        };
    }
}
