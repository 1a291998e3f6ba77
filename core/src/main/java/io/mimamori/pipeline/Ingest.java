package io.mimamori.pipeline;

/** The one endpoint every source route ends at. */
public final class Ingest {
    /** Route files send source output here: {@code - to: direct:ingest}. */
    public static final String ENDPOINT = "direct:ingest";
    /** Bean names under which the pipeline publishes its parts in the Camel registry. */
    public static final String STORE_BEAN = "mimamoriAlertStore";
    /**
     * Exchange property set when the pipeline deliberately did not commit the alert (its value is
     * the reason, e.g. {@code clear_without_problem}); the exchange still completes normally.
     */
    public static final String DROPPED_PROPERTY = "MimamoriDropped";

    private Ingest() {
    }
}
