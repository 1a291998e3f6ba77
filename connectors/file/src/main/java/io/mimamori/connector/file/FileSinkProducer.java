package io.mimamori.connector.file;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.outbox.OutboxConsumer;
import io.mimamori.spi.DeliveryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Appends the exchange's alert (or list of alerts) as JSON lines. Uses the committed JSON from the
 * outbox when the exchange carries it, so the line is byte for byte what was committed. A failed
 * write is {@code RETRY}: a full disk or a lost mount is transient from the alerts' point of view.
 */
final class FileSinkProducer extends DefaultProducer {
    private static final byte NEWLINE = '\n';
    private final Path file;
    private final boolean fsync;
    private FileChannel channel;

    FileSinkProducer(FileSinkEndpoint endpoint, Path file, boolean fsync) {
        super(endpoint);
        this.file = file;
        this.fsync = fsync;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public void process(Exchange exchange) {
        List<byte[]> lines = lines(exchange);
        int size = 0;
        for (byte[] l : lines) {
            size += l.length + 1;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (byte[] l : lines) {
            buf.put(l).put(NEWLINE);
        }
        buf.flip();
        synchronized (this) {
            try {
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                if (fsync) {
                    channel.force(false);
                }
            } catch (IOException e) {
                throw DeliveryException.retry("cannot append " + lines.size() + " alert(s) to " + file + ": " + e, e);
            }
        }
    }

    private static List<byte[]> lines(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof Alert a) {
            List<byte[]> committed = OutboxConsumer.committedJson(exchange, 1);
            return committed != null ? committed : List.of(AlertJson.toBytes(a));
        }
        if (body instanceof List<?> list) {
            // the committed JSON, when the delivery route supplies it, is written without parsing a single alert
            List<byte[]> committed = OutboxConsumer.committedJson(exchange, list.size());
            if (committed != null) {
                return committed;
            }
            if (list.stream().allMatch(Alert.class::isInstance)) {
                return list.stream().map(a -> AlertJson.toBytes((Alert) a)).toList();
            }
        }
        throw DeliveryException.rejected("file-sink expects an io.mimamori.alert.Alert or a List of them, got "
                + (body == null ? "null" : body.getClass().getName()), 0);
    }

    @Override
    protected void doStop() throws Exception {
        if (channel != null) {
            channel.close();
        }
        super.doStop();
    }
}
