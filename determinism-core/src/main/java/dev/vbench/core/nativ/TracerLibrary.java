package dev.vbench.core.nativ;

import java.io.IOException;
import java.io.InputStream;
import jnr.ffi.LibraryLoader;

/**
 * The tracer's native library ({@code src/main/c/tracer/vb_tracer.c}), which the build put into
 * the jar when gcc was there: the remote tracer thread, and the waits that answer calls by
 * themselves. Loaded once per JVM. Public only because jnr implements {@link Api} from a class
 * loader of its own.
 */
public final class TracerLibrary {
    /** The library's functions, or null if it did not load ({@link #REASON}). */
    static final Api API;
    /** Why the library is missing, or null if it loaded. */
    static final String REASON;

    /** The native functions. Addresses are the caller's own memory: the library is in this process. */
    public interface Api {
        int vb_tracer_start(long box, int cpu);

        long vb_wait_answering_here(int pid, long status, int options, long answers, int flags);
    }

    private static final String RESOURCE = "libvbtracer.so";
    /** The CPU traps a tracer carries, as the library numbers them (VB_FLAG_*). */
    private static final int FLAG_TSC = 1, FLAG_CPUID = 2;

    /** The library's word for the CPU traps to carry. */
    static int trapFlags(boolean tsc, boolean cpuid) {
        return (tsc ? FLAG_TSC : 0) | (cpuid ? FLAG_CPUID : 0);
    }

    static {
        Api api = null;
        String reason = null;
        try (InputStream in = TracerLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                reason = "this vbench was built without gcc, so without its remote tracer";
            } else {
                // From an unnamed file: nothing is left on disk, and no one else can swap it.
                try (MemFile file = new MemFile("vbench-tracer")) {
                    file.write(in.readAllBytes());
                    api = LibraryLoader.create(Api.class).failImmediately().load(file.path());
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            reason = "the remote tracer did not load: " + e;
            api = null;
        }
        API = api;
        REASON = api == null ? reason : null;
    }

    private TracerLibrary() {}
}
