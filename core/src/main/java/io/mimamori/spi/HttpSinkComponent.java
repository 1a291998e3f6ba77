package io.mimamori.spi;

import java.time.Clock;
import org.apache.camel.support.DefaultComponent;

/** The component of an HTTP sink: holds the clock its endpoints stamp and read {@code Retry-After} dates with. */
public abstract class HttpSinkComponent extends DefaultComponent {
    private Clock clock = Clock.systemUTC();

    /** The clock that stamps signatures and reads HTTP-date Retry-After values. */
    public Clock getClock() {
        return clock;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
