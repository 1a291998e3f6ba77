package io.mimamori.outbox;

import io.mimamori.alert.Severity;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.util.TimeUtils;

/** One sink's delivery settings; URI options map onto {@link SinkSpec}. Durations take Camel's forms (30s, 5m, 1h). */
public final class OutboxEndpoint extends DefaultEndpoint {
    private final String sink;
    private String tenants = "*";
    private String minSeverity;
    private int batchSize = 1;
    private int concurrency = 1;
    private boolean supersede;
    private String retryInitial = "1s";
    private String retryMax = "5m";
    private int breakerFailures = 5;
    private String breakerOpenFor = "30s";
    private String fallback;
    private String fallbackAfter = "5m";
    private boolean fallbackOnly;
    private String resendFiringEvery;
    private String degradedAfter = "5m";

    OutboxEndpoint(String uri, OutboxComponent component, String sink) {
        super(uri, component);
        this.sink = sink;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("mimamori-outbox is a route input: alerts enter the outbox through "
                + "direct:ingest");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        OutboxConsumer consumer = new OutboxConsumer(this, processor, spec());
        configureConsumer(consumer);
        return consumer;
    }

    /** The settings as a spec; a bad value fails with a message naming the option. */
    public SinkSpec spec() {
        Set<String> tenantSet = tenants == null || tenants.isBlank() || tenants.trim().equals("*") ? Set.of()
                : Arrays.stream(tenants.split(",")).map(String::trim).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
        return new SinkSpec(sink, tenantSet, minSeverity == null || minSeverity.isBlank() ? null : Severity.parse(minSeverity),
                batchSize, concurrency, supersede, duration("retryInitial", retryInitial), duration("retryMax", retryMax),
                breakerFailures, duration("breakerOpenFor", breakerOpenFor), blankToNull(fallback),
                duration("fallbackAfter", fallbackAfter), fallbackOnly,
                resendFiringEvery == null || resendFiringEvery.isBlank() ? null : duration("resendFiringEvery", resendFiringEvery),
                duration("degradedAfter", degradedAfter));
    }

    /**
     * Checks a delivery route's options as {@code mimamori validate} sees them (placeholders
     * resolved): unknown options and bad values, each as one message.
     */
    public static List<String> check(String sink, Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        OutboxEndpoint e = new OutboxEndpoint("mimamori-outbox:" + sink, null, sink);
        Map<String, Method> setters = new TreeMap<>();
        for (Method m : OutboxEndpoint.class.getMethods()) {
            if (m.getName().startsWith("set") && m.getParameterCount() == 1 && m.getDeclaringClass() == OutboxEndpoint.class) {
                setters.put(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4), m);
            }
        }
        for (Map.Entry<String, String> o : options.entrySet()) {
            Method m = setters.get(o.getKey());
            if (m == null) {
                problems.add("mimamori-outbox has no option '" + o.getKey() + "'; its options: " + String.join(", ", setters.keySet()));
                continue;
            }
            String v = o.getValue().trim();
            try {
                Class<?> t = m.getParameterTypes()[0];
                if (t == int.class) {
                    m.invoke(e, Integer.parseInt(v));
                } else if (t == boolean.class) {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new IllegalArgumentException();
                    }
                    m.invoke(e, Boolean.parseBoolean(v));
                } else {
                    m.invoke(e, v);
                }
            } catch (ReflectiveOperationException | IllegalArgumentException x) {
                problems.add("mimamori-outbox option " + o.getKey() + "='" + v + "' is not a "
                        + m.getParameterTypes()[0].getSimpleName().replace("String", "text").replace("int", "whole number")
                        .replace("boolean", "true/false"));
            }
        }
        if (problems.isEmpty()) {
            try {
                e.spec();
            } catch (IllegalArgumentException x) {
                problems.add(x.getMessage());
            }
        }
        return problems;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static Duration duration(String option, String value) {
        try {
            Duration d = TimeUtils.toDuration(value.trim());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("mimamori-outbox option " + option + "='" + value
                    + "' is not a duration: use e.g. 30s, 5m, 1h", e);
        }
    }

    public String getSink() { return sink; }
    public String getTenants() { return tenants; }
    public void setTenants(String v) { tenants = v; }
    public String getMinSeverity() { return minSeverity; }
    public void setMinSeverity(String v) { minSeverity = v; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int v) { batchSize = v; }
    public int getConcurrency() { return concurrency; }
    public void setConcurrency(int v) { concurrency = v; }
    public boolean isSupersede() { return supersede; }
    public void setSupersede(boolean v) { supersede = v; }
    public String getRetryInitial() { return retryInitial; }
    public void setRetryInitial(String v) { retryInitial = v; }
    public String getRetryMax() { return retryMax; }
    public void setRetryMax(String v) { retryMax = v; }
    public int getBreakerFailures() { return breakerFailures; }
    public void setBreakerFailures(int v) { breakerFailures = v; }
    public String getBreakerOpenFor() { return breakerOpenFor; }
    public void setBreakerOpenFor(String v) { breakerOpenFor = v; }
    public String getFallback() { return fallback; }
    public void setFallback(String v) { fallback = v; }
    public String getFallbackAfter() { return fallbackAfter; }
    public void setFallbackAfter(String v) { fallbackAfter = v; }
    public boolean isFallbackOnly() { return fallbackOnly; }
    public void setFallbackOnly(boolean v) { fallbackOnly = v; }
    public String getResendFiringEvery() { return resendFiringEvery; }
    public void setResendFiringEvery(String v) { resendFiringEvery = v; }
    public String getDegradedAfter() { return degradedAfter; }
    public void setDegradedAfter(String v) { degradedAfter = v; }
}
