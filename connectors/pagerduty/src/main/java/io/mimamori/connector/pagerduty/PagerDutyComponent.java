package io.mimamori.connector.pagerduty;

import io.mimamori.spi.HttpSinkComponent;
import io.mimamori.spi.KeyedRateLimiter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;

/**
 * The {@code mimamori-pagerduty:NAME} component behind the {@code pagerduty-sink} kamelet. It owns
 * the rate limiters, so every route that sends with one routing key shares that key's budget.
 */
public final class PagerDutyComponent extends HttpSinkComponent {
    private final Map<Integer, KeyedRateLimiter> limiters = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PagerDutyEndpoint endpoint = new PagerDutyEndpoint(uri, this, remaining.isEmpty() ? "events" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * The limiter for a budget of {@code perMinute} events in any 60 seconds. A token bucket lets
     * through its burst plus its refill within one minute, so the two add up to the budget: half
     * goes out at once (the first alerts of a storm are often distinct incidents), the rest as a
     * steady refill.
     */
    KeyedRateLimiter limiter(int perMinute) {
        return limiters.computeIfAbsent(perMinute, n -> {
            int burst = Math.max(1, n / 2);
            return new KeyedRateLimiter(n - burst, burst);
        });
    }
}
