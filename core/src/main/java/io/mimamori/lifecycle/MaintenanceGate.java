package io.mimamori.lifecycle;

import io.mimamori.alert.Alert;
import java.time.Instant;

/** The lifecycle's view of maintenance windows. */
public interface MaintenanceGate {
    /** The id of a window holding {@code alert} at {@code at}, or null. */
    String windowFor(Alert alert, Instant at);

    /** The next instant after {@code after} at which any window starts or ends, or null if none. */
    Instant nextChange(Instant after);

    /** Changes whenever windows are added or removed at run time. */
    default long version() {
        return 0;
    }

    MaintenanceGate NONE = new MaintenanceGate() {
        @Override
        public String windowFor(Alert alert, Instant at) {
            return null;
        }

        @Override
        public Instant nextChange(Instant after) {
            return null;
        }
    };
}
