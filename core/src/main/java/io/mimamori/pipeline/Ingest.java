package io.mimamori.pipeline;

/** The one endpoint every source route ends at. */
public final class Ingest {
    /** Route files send source output here: {@code - to: direct:ingest}. */
    public static final String ENDPOINT = "direct:ingest";
    /** Bean names under which the pipeline publishes its parts in the Camel registry. */
    public static final String STORE_BEAN = "mimamoriAlertStore";
    public static final String SINK_BEAN = "mimamoriJsonlSink";

    private Ingest() {
    }
}
