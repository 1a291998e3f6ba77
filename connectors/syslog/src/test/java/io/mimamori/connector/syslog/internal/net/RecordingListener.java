package io.mimamori.connector.syslog.internal.net;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/** Keeps every frame and error it is given; can withhold the frames' done callbacks until released. */
final class RecordingListener implements FrameListener {

    record Frame(byte[] bytes, InetSocketAddress peer, Transport transport, boolean truncated) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    record Error(InetSocketAddress peer, Transport transport, String reason) {}

    private final List<Frame> frames = new ArrayList<>();
    private final List<Error> errors = new ArrayList<>();
    private final Queue<Runnable> withheld = new ArrayDeque<>();
    private boolean withholding;

    @Override
    public void onFrame(byte[] frame, InetSocketAddress peer, Transport transport, boolean truncated, Runnable done) {
        synchronized (this) {
            frames.add(new Frame(frame, peer, transport, truncated));
            if (withholding) {
                withheld.add(done);
                return;
            }
        }
        done.run();
    }

    @Override
    public synchronized void onError(InetSocketAddress peer, Transport transport, String reason) {
        errors.add(new Error(peer, transport, reason));
    }

    synchronized void withholdDone() {
        withholding = true;
    }

    /** Runs one withheld done; false when none is withheld. */
    boolean releaseOne() {
        Runnable done;
        synchronized (this) {
            done = withheld.poll();
        }
        if (done == null) {
            return false;
        }
        done.run();
        return true;
    }

    /** Runs every withheld done and lets later frames be done at once. */
    void releaseAll() {
        List<Runnable> dones;
        synchronized (this) {
            withholding = false;
            dones = new ArrayList<>(withheld);
            withheld.clear();
        }
        dones.forEach(Runnable::run);
    }

    synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    synchronized List<String> texts() {
        return frames.stream().map(Frame::text).toList();
    }

    synchronized List<Error> errors() {
        return List.copyOf(errors);
    }

    synchronized List<String> reasons() {
        return errors.stream().map(Error::reason).toList();
    }
}
