package io.mimamori.connector.alertmanager;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated settings of one {@code alertmanager-sink}, built from its kamelet parameters. The
 * same checks serve {@code mimamori validate} (through the connector's {@code checkUse}) and the
 * start of a route, so an operator sees one wording of each problem. No message and no
 * {@link #toString()} ever contains a credential.
 */
public final class AlertmanagerSinkConfig {
    static final String ALERTS_PATH = "/api/v2/alerts";
    static final int DEFAULT_ENDS_AT_AFTER_SECONDS = 240;
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;

    /** Header names the sink sets itself or the JDK client refuses. */
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "content-type", "content-length",
            "connection", "expect", "host", "upgrade");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final String name;
    private final URI alertsUri;
    private final Map<String, String> headers;
    private final boolean authenticated;
    private final Duration endsAtAfter;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private AlertmanagerSinkConfig(String name, URI alertsUri, Map<String, String> headers, boolean authenticated,
            Duration endsAtAfter, Duration connectTimeout, Duration requestTimeout) {
        this.name = name;
        this.alertsUri = alertsUri;
        this.headers = Collections.unmodifiableMap(headers);
        this.authenticated = authenticated;
        this.endsAtAfter = endsAtAfter;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /**
     * The settings for {@code parameters} (kamelet parameter names; absent or blank values take
     * the defaults).
     *
     * @throws IllegalArgumentException naming every problem and what to do about it
     */
    public static AlertmanagerSinkConfig of(Map<String, String> parameters) {
        List<String> problems = new ArrayList<>();
        AlertmanagerSinkConfig config = parse(parameters, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("alertmanager-sink '" + config.name() + "': "
                    + String.join("; ", problems));
        }
        return config;
    }

    /**
     * What is wrong with {@code parameters}, each said with what to do (the sink's name is left to
     * the caller); empty when they are fine.
     */
    public static List<String> problems(Map<String, String> parameters) {
        List<String> problems = new ArrayList<>();
        parse(parameters, problems);
        return problems;
    }

    private static AlertmanagerSinkConfig parse(Map<String, String> p, List<String> problems) {
        String name = text(p, "name");
        URI alertsUri = alertsUri(text(p, "url"), problems);

        Map<String, String> headers = new LinkedHashMap<>(extraHeaders(text(p, "headers"), problems));
        String username = text(p, "username");
        String password = text(p, "password");
        String token = text(p, "bearerToken");
        if (token != null && (username != null || password != null)) {
            problems.add("bearerToken and username/password are both given: give only one way to authenticate");
        } else if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        } else if (username != null && password == null) {
            problems.add("username is given but password is not: give both for basic authentication");
        } else if (username == null && password != null) {
            problems.add("password is given but username is not: give both for basic authentication");
        } else if (username != null) {
            if (username.indexOf(':') >= 0) {
                problems.add("username must not contain ':' (basic authentication cannot carry it)");
            }
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return new AlertmanagerSinkConfig(name == null ? "alertmanager" : name, alertsUri, headers,
                headers.containsKey("Authorization"),
                Duration.ofSeconds(integer(p, "endsAtAfterSeconds", DEFAULT_ENDS_AT_AFTER_SECONDS)),
                Duration.ofSeconds(integer(p, "connectTimeoutSeconds", DEFAULT_CONNECT_TIMEOUT_SECONDS)),
                Duration.ofSeconds(integer(p, "requestTimeoutSeconds", DEFAULT_REQUEST_TIMEOUT_SECONDS)));
    }

    private static URI alertsUri(String url, List<String> problems) {
        if (url == null) {
            problems.add("url is missing: give the Alertmanager's base URL, e.g. http://alertmanager:9093");
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add("url '" + redact(url) + "' is not a valid URL (" + e.getReason()
                    + "); give e.g. http://alertmanager:9093");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add("url '" + redact(url) + "' must start with http:// or https://");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("url must not contain credentials (user:password@): put them in username and"
                    + " password, or use bearerToken, which are kept secret");
            return null;
        }
        if (uri.getHost() == null) {
            problems.add("url '" + redact(url) + "' has no host; give e.g. http://alertmanager:9093");
            return null;
        }
        if (uri.getRawFragment() != null) {
            problems.add("url '" + redact(url) + "' must not have a #fragment");
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/api/v1/alerts") || path.endsWith("/api/v1/alerts/")) {
            problems.add("url '" + redact(url) + "' is Alertmanager's API v1, which 0.27 removed;"
                    + " give the base URL, the sink uses API v2");
            return null;
        }
        if (!path.endsWith(ALERTS_PATH)) {
            path = path.replaceAll("/+$", "") + ALERTS_PATH;
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private static Map<String, String> extraHeaders(String spec, List<String> problems) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (spec == null) {
            return headers;
        }
        for (String pair : spec.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            String headerName = colon < 0 ? pair.trim() : pair.substring(0, colon).trim();
            if (colon < 0 || !HEADER_NAME.matcher(headerName).matches()) {
                problems.add("headers entry '" + headerName + "' is not 'Name: value'; separate"
                        + " several with ';', e.g. 'X-Scope-OrgID: acme; X-Team: ops'");
                continue;
            }
            if (RESERVED_HEADERS.contains(headerName.toLowerCase(Locale.ROOT))) {
                problems.add("headers must not set " + headerName
                        + (headerName.equalsIgnoreCase("authorization")
                        ? ": use bearerToken or username and password, which are kept secret"
                        : ", the sink sets it itself"));
                continue;
            }
            String value = pair.substring(colon + 1).trim();
            if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                problems.add("header " + headerName + " has a control character in its value");
                continue;
            }
            headers.put(headerName, value);
        }
        return headers;
    }

    /** The URL with anything before an '@' of its authority hidden, fit for a message. */
    static String redact(String url) {
        int start = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        return (start < 0 || start > at ? "" : url.substring(0, start + 3)) + "…" + url.substring(at);
    }

    /**
     * The value as the sink receives it: a route file's {@code RAW(...)} (or {@code RAW{...}}) wrapper,
     * which {@code mimamori validate} passes on as written, is taken off; blank means absent.
     */
    private static String text(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v == null) {
            return null;
        }
        v = v.trim();
        if (v.length() >= 5 && v.startsWith("RAW") && (v.charAt(3) == '(' && v.endsWith(")")
                || v.charAt(3) == '{' && v.endsWith("}"))) {
            v = v.substring(4, v.length() - 1);
        }
        return v.isBlank() ? null : v.trim();
    }

    private static int integer(Map<String, String> p, String key, int fallback) {
        String v = text(p, key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    public String name() {
        return name;
    }

    /** Where alerts are posted: the given URL with {@code /api/v2/alerts} appended when it was not there. */
    public URI alertsUri() {
        return alertsUri;
    }

    /** Scheme, host and port, as messages name the peer. */
    public String origin() {
        return alertsUri.getScheme() + "://" + alertsUri.getRawAuthority();
    }

    /** Every header of each request, credentials included: never log these. */
    Map<String, String> headers() {
        return headers;
    }

    public boolean authenticated() {
        return authenticated;
    }

    /** How long after a post a firing alert expires unless posted again; zero to leave that to Alertmanager. */
    public Duration endsAtAfter() {
        return endsAtAfter;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    @Override
    public String toString() {
        return "alertmanager-sink '" + name + "' to " + origin() + alertsUri.getRawPath()
                + (authenticated ? " (authenticated)" : "") + ", endsAt " + (endsAtAfter.isZero() ? "left to Alertmanager"
                : "now + " + endsAtAfter.toSeconds() + "s");
    }
}
