package dev.vbench.clock.region;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.handlers.SyscallHandler;
import dev.vbench.core.syscalls.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Function;

/**
 * The supervisor's side of region markers: the system call vbench.h makes when no Valgrind tool
 * answers its client request, and the one the Java helper makes. Both are calls of the access
 * family, harmless natively (they only ask whether a file is accessible, and fail):
 * <ul>
 *   <li>vbench.h: {@code faccessat(-0x5642, NAME, F_OK)} opens region NAME,
 *       {@code faccessat(-0x5642, "", X_OK)} closes the innermost one; answered with 0x5642
 *       (natively: EBADF, so the header stops trying);</li>
 *   <li>the Java helper: {@code access("/dev/null/vbench-region/begin/NAME")} and
 *       {@code access("/dev/null/vbench-region/end")}; answered with 0 (natively: ENOTDIR).</li>
 * </ul>
 * Every other call of the family passes to the kernel untouched. The counts of a region are the
 * thread's counts at its end marker minus those at its begin marker, as the clock read them at
 * those stops; the end marker's own system call is not the region's.
 */
public final class RegionMarkers implements SyscallHandler {
    /** vbench.h's directory descriptor, VBENCH_MARKER_DIRFD. */
    public static final int MARKER_DIRFD = -0x5642;
    /** What vbench.h's marker is answered with, VBENCH_ACK. */
    public static final long ACK = 0x5642;
    public static final String PATH_PREFIX = "/dev/null/vbench-region/";
    private static final String BEGIN = PATH_PREFIX + "begin/";
    private static final String END = PATH_PREFIX + "end";
    private static final int F_OK = 0;
    private static final int X_OK = 1;
    private static final int MAX_NAME = 255;

    private final RegionRecorder recorder;
    private final Function<GuestThread, long[]> countsOf;

    /**
     * @param countsOf the thread's counts at this stop, in the recorder's order (the clock's)
     */
    public RegionMarkers(RegionRecorder recorder, Function<GuestThread, long[]> countsOf) {
        this.recorder = recorder;
        this.countsOf = countsOf;
    }

    @Override
    public Set<Syscall> syscalls() {
        return Set.of(Syscall.ACCESS, Syscall.FACCESSAT, Syscall.FACCESSAT2);
    }

    @Override
    public Disposition onEntry(Guest call) {
        boolean at = call.syscall() != Syscall.ACCESS;
        long pathAddress = call.arg(at ? 1 : 0);
        if (at && call.intArg(0) == MARKER_DIRFD) {
            int mode = call.intArg(2);
            if (mode == F_OK) {
                recorder.begin(call.thread(), readString(call.memory(), pathAddress), countsOf.apply(call.thread()));
                return call.emulate(ACK);
            }
            if (mode == X_OK) {
                recorder.end(call.thread(), countsOf.apply(call.thread()), 1);
                return call.emulate(ACK);
            }
            return Disposition.PASS;
        }
        String path = readString(call.memory(), pathAddress);
        if (!path.startsWith(PATH_PREFIX)) {
            return Disposition.PASS;
        }
        if (path.startsWith(BEGIN) && path.length() > BEGIN.length()) {
            recorder.begin(call.thread(), path.substring(BEGIN.length()), countsOf.apply(call.thread()));
            return call.emulate(0);
        }
        if (path.equals(END)) {
            recorder.end(call.thread(), countsOf.apply(call.thread()), 1);
            return call.emulate(0);
        }
        return Disposition.PASS;
    }

    /** The NUL-terminated string at {@code address}, at most {@link #MAX_NAME} bytes; "" if unreadable. */
    static String readString(GuestMemory memory, long address) {
        byte[] buf = new byte[MAX_NAME + PATH_PREFIX.length() + 8];
        int have = 0;
        while (have < buf.length) {
            int n = memory.read(address + have, buf, have, Math.min(64, buf.length - have));
            if (n <= 0) {
                break;
            }
            for (int i = have; i < have + n; i++) {
                if (buf[i] == 0) {
                    return new String(buf, 0, i, StandardCharsets.UTF_8);
                }
            }
            have += n;
        }
        return new String(buf, 0, have, StandardCharsets.UTF_8);
    }
}
