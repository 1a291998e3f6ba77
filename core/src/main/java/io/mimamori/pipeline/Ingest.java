package io.mimamori.pipeline;

/** The one endpoint every source route ends at. */
public final class Ingest {
    /** Route files send source output here: {@code - to: direct:ingest}. The body is an Alert or a List of them. */
    public static final String ENDPOINT = "direct:ingest";
    /** Bean names under which the pipeline publishes its parts in the Camel registry. */
    public static final String STORE_BEAN = "mimamoriAlertStore";
    public static final String PIPELINE_BEAN = "mimamoriPipeline";
    /**
     * Exchange property the pipeline sets to how many of the exchange's alerts it wrote; the others
     * were deliberately not written (a clear for a condition that is not firing) or failed.
     */
    public static final String COMMITTED_PROPERTY = "MimamoriCommitted";

    private Ingest() {
    }
}
