package dev.vbench.core.handlers;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.nativ.MemFile;
import java.nio.file.Path;

/**
 * CPython's bytecode caches stay valid under vbench. A .pyc records its source's modification
 * time (whole seconds) when it was written; CPython compares that with the source's stat and
 * recompiles, rewriting the cache on the host, when they differ. Workspace sources show
 * deterministic times under vbench ({@link WorkspaceTimes}), so a cache written natively would
 * look stale on every run, and a run that compiles would differ from one that does not. When the
 * cache records the source's real time, the guest reads it recording the time it sees instead.
 */
final class Pyc {
    private static final int HEADER = 16, FLAGS = 4, MTIME = 8;
    private static final long NANOS = 1_000_000_000L;

    private Pyc() {}

    /**
     * The cache at {@code pycPath} as the guest must read it, or null if it reads the file itself
     * (not a cache of a workspace source, hash-based, or recording another time: then it is stale
     * natively too).
     */
    static MemFile revalidated(String pycPath, HostFiles host, FileIdentity files, VirtualFiles virtualFiles) {
        if (pycPath == null) {
            return null;
        }
        Path pyc = Path.of(pycPath);
        Path cache = pyc.getParent();
        if (cache == null || cache.getParent() == null || !cache.getFileName().toString().equals("__pycache__")) {
            return null;
        }
        String name = pyc.getFileName().toString();
        int dot = name.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        HostFiles.Stat source = host.stat(cache.getParent().resolve(name.substring(0, dot) + ".py").toString());
        if (source == null) {
            return null;
        }
        Long shown = files.shownTime(source.dev(), source.ino(), Math.max(source.mtimeNanos(), source.ctimeNanos()));
        if (shown == null) {
            return null; // the source keeps its real time: the cache is valid or not as natively
        }
        byte[] bytes = host.readBytes(pycPath);
        if (bytes == null || bytes.length < HEADER || Bytes.getInt(bytes, FLAGS) != 0
                || Bytes.getInt(bytes, MTIME) != (int) (source.mtimeNanos() / NANOS)) {
            return null;
        }
        Bytes.putInt(bytes, MTIME, (int) (shown / NANOS));
        return virtualFiles.bytes("pyc", bytes);
    }
}
