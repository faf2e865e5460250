package dev.vbench.reports.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file all at once: readers (and a crash) see either the old content or the complete new
 * content, never a half-written result. Content goes to a temporary file in the same directory (a
 * rename is only atomic within one file system), is fsynced, then renamed over the target; the
 * directory is fsynced so the rename itself survives a crash. On any failure the temporary file is
 * deleted and the target is left untouched.
 */
public final class AtomicFiles {

    /** Writes the whole content to the stream it is given; must not close it. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Unpredictable temporary names: another user cannot squat on the next one. */
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private record Created(Path tmp, FileChannel channel) {}

    /**
     * Developer aid for the fault-injection campaign: {@code -Dvbench.fault.write=throw:N} makes
     * every atomic write fail with an IOException once N bytes are written, {@code halt:N} ends the
     * JVM there at once (as a kill -9 would), so the campaign can hit the middle of a write exactly.
     */
    private static final String FAULT = System.getProperty("vbench.fault.write");

    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Created created = createTemp(dir, absolute.getFileName().toString());
        Path tmp = created.tmp();
        boolean moved = false;
        try {
            try (FileChannel channel = created.channel()) {
                // A careless Content (a library that closes its target) must not close the channel before fsync.
                OutputStream out = new NonClosingOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
                if (FAULT != null) {
                    out = Fault.wrap(out, FAULT);
                }
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Not Files.createTempFile: that creates mode 0600, and the rename would carry those permissions
     * onto the result file. CREATE_NEW gives the usual umask-based mode and still never reuses a name
     * (O_EXCL: a link planted at the name is not followed). The file is written through the
     * descriptor that created it, never opened again by name, so in a directory others may write to
     * (an --out in /tmp) the content cannot be diverted into a file swapped in meanwhile.
     */
    private static Created createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                return new Created(tmp, FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= 100) {
                    throw taken;
                }
            }
        }
    }

    /** Best effort: some file systems refuse to open or sync a directory, and the data is already safe. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The rename is done; only its durability across a power cut is not guaranteed here.
        }
    }

    /** The injected fault of {@link #FAULT}: counts bytes and fails or halts at the given one. */
    private static final class Fault extends FilterOutputStream {
        private final boolean halt;
        private long left;

        static OutputStream wrap(OutputStream out, String spec) {
            int colon = spec.indexOf(':');
            String kind = colon < 0 ? spec : spec.substring(0, colon);
            long at = colon < 0 ? 0 : Long.parseLong(spec.substring(colon + 1));
            if (!kind.equals("throw") && !kind.equals("halt")) {
                throw new IllegalArgumentException("vbench.fault.write is throw:N or halt:N, not " + spec);
            }
            return new Fault(out, kind.equals("halt"), at);
        }

        private Fault(OutputStream out, boolean halt, long at) {
            super(out);
            this.halt = halt;
            this.left = at;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) left);
                out.flush(); // what a crash would leave: the bytes so far on disk
                if (halt) {
                    Runtime.getRuntime().halt(137);
                }
                left = 0;
                throw new IOException("fault injected by vbench.fault.write");
            }
            left -= len;
            out.write(b, off, len);
        }
    }

}
