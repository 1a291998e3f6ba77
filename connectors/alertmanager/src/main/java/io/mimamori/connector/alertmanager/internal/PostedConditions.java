package io.mimamori.connector.alertmanager.internal;

import io.mimamori.alert.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The label set last posted for each firing condition (by fingerprint), so that a condition stays
 * one Alertmanager alert when its labels change: a clear whose severity differs from the problem's,
 * or a problem that escalated from warning to critical. Such a post also resolves the label set
 * posted before, which would otherwise fire on until its {@code endsAt}.
 *
 * <p>Kept in memory and bounded ({@link #capacity}, least recently used forgotten first); after a
 * restart it refills from the delivery loop's re-sends of firing alerts.
 */
public final class PostedConditions {
    private final PostableAlertMapper mapper;
    private final int capacity;
    private final Map<String, SortedMap<String, String>> lastPosted;

    /** The posts of one exchange, and what the memory learns once Alertmanager accepted them. */
    public record Batch(List<PostableAlert> posts, Map<String, SortedMap<String, String>> changes) {
    }

    public PostedConditions(PostableAlertMapper mapper, int capacity) {
        this.mapper = mapper;
        this.capacity = capacity;
        this.lastPosted = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SortedMap<String, String>> eldest) {
                return size() > PostedConditions.this.capacity;
            }
        };
    }

    /** The posts for {@code alerts}, in their order; nothing is remembered until {@link #accepted}. */
    public Batch prepare(List<Alert> alerts, Instant now) {
        List<PostableAlert> posts = new ArrayList<>(alerts.size());
        Map<String, SortedMap<String, String>> changes = new HashMap<>();
        for (Alert a : alerts) {
            PostableAlert post = mapper.map(a, now);
            String key = a.fingerprint();
            if (key == null) {
                posts.add(post);
                continue;
            }
            SortedMap<String, String> before = changes.containsKey(key) ? changes.get(key) : remembered(key);
            posts.add(post);
            if (before != null && !before.equals(post.labels())) {
                posts.add(post.resolvedAs(before, post.endsAt() != null && !a.firing() ? post.endsAt() : now));
            }
            changes.put(key, a.firing() ? post.labels() : null);
        }
        return new Batch(List.copyOf(posts), changes);
    }

    /** Remembers what an accepted batch posted: firing label sets are kept, resolved ones forgotten. */
    public void accepted(Batch batch) {
        synchronized (lastPosted) {
            batch.changes().forEach((key, labels) -> {
                if (labels == null) {
                    lastPosted.remove(key);
                } else {
                    lastPosted.put(key, labels);
                }
            });
        }
    }

    private SortedMap<String, String> remembered(String key) {
        synchronized (lastPosted) {
            return lastPosted.get(key);
        }
    }

    public int size() {
        synchronized (lastPosted) {
            return lastPosted.size();
        }
    }
}
