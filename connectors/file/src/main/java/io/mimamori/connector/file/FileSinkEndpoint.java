package io.mimamori.connector.file;

import java.nio.file.Path;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One JSON lines file; every producer of the same path shares one open file. */
public final class FileSinkEndpoint extends DefaultEndpoint {
    private String path;
    private boolean fsync = true;

    FileSinkEndpoint(String uri, FileSinkComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        return new FileSinkProducer(this, Path.of(path), fsync);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("file-sink only writes alerts");
    }

    public String getPath() { return path; }
    public void setPath(String v) { path = v; }
    public boolean isFsync() { return fsync; }
    public void setFsync(boolean v) { fsync = v; }
}
