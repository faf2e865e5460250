package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.nativ.MemFile;
import dev.vbench.core.run.RunConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bytecode cache written for a workspace source's real time is read as written for its shown time. */
class PycTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Instant SOURCE_TIME = Instant.parse("2022-02-02T02:02:02Z");

    @TempDir
    Path root;

    private final FakeHostFiles host = new FakeHostFiles();

    private static byte[] pyc(int flags, long sourceSeconds) {
        byte[] b = new byte[32];
        Bytes.putInt(b, 0, 0x0a0d0da7); // a magic number; its value does not matter here
        Bytes.putInt(b, 4, flags);
        Bytes.putInt(b, 8, (int) sourceSeconds);
        Bytes.putInt(b, 12, 6); // source size
        b[16] = 42;
        return b;
    }

    /** mod.py in the workspace, with its cache at __pycache__/mod.cpython-311.pyc holding {@code cache}. */
    private String workspace(byte[] cache) throws IOException {
        Path source = root.resolve("mod.py");
        Files.writeString(source, "x = 1\n");
        Files.setLastModifiedTime(source, FileTime.from(SOURCE_TIME));
        String pyc = root.resolve("__pycache__/mod.cpython-311.pyc").toString();
        host.bytes(pyc, cache);
        host.stat(source.toString(), new HostFiles.Stat(((Number) Files.getAttribute(source, "unix:dev")).longValue(),
                ((Number) Files.getAttribute(source, "unix:ino")).longValue(),
                SOURCE_TIME.getEpochSecond() * SECOND, SOURCE_TIME.getEpochSecond() * SECOND));
        return pyc;
    }

    private MemFile revalidated(String pyc, FileIdentity files) {
        RunConfig config = new dev.vbench.core.guest.TestGuests().tree().config();
        return Pyc.revalidated(pyc, host, files, new VirtualFiles(new MachineView(config), () -> 0));
    }

    private FileIdentity identity(boolean withWorkspace) {
        return withWorkspace
                ? new FileIdentity(RunConfig.DEFAULT_EPOCH_NANOS, () -> 0, WorkspaceScan.begin(root, Set.of()))
                : new FileIdentity(RunConfig.DEFAULT_EPOCH_NANOS, () -> 0);
    }

    private static byte[] read(MemFile f) throws IOException {
        try (InputStream in = f.read()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aCacheOfTheSourcesRealTimeRecordsItsShownTime() throws IOException {
        String pyc = workspace(pyc(0, SOURCE_TIME.getEpochSecond()));
        FileIdentity files = identity(true);
        MemFile served = revalidated(pyc, files);
        assertThat(served).isNotNull();
        byte[] b = read(served);
        long shown = RunConfig.DEFAULT_EPOCH_NANOS - 86_400 * SECOND; // the only group of the workspace
        assertThat(Bytes.getInt(b, 8)).isEqualTo((int) (shown / SECOND));
        assertThat(b[16]).as("the code is unchanged").isEqualTo((byte) 42);
        assertThat(Bytes.getInt(b, 12)).isEqualTo(6);
    }

    @Test
    void staleHashBasedOrOutsideCachesAreReadAsTheyAre() throws IOException {
        String stale = workspace(pyc(0, SOURCE_TIME.getEpochSecond() - 60));
        assertThat(revalidated(stale, identity(true))).as("stale natively too").isNull();
        String hashed = workspace(pyc(1, SOURCE_TIME.getEpochSecond()));
        assertThat(revalidated(hashed, identity(true))).as("hash-based").isNull();
        String valid = workspace(pyc(0, SOURCE_TIME.getEpochSecond()));
        assertThat(revalidated(valid, identity(false))).as("source keeps its real time").isNull();
        assertThat(revalidated(root.resolve("mod.pyc").toString(), identity(true))).as("not in __pycache__").isNull();
    }
}
