package dev.vbench.reports.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes through and turns close() into flush(): for handing a stream that must stay open
 * (standard output, a file channel still to be fsync'ed) to code that closes what it is given,
 * as Jackson's writers and renderers do.
 */
public final class NonClosingOutputStream extends FilterOutputStream {
    public NonClosingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len); // FilterOutputStream would write byte by byte
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
