package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.Set;

/**
 * Randomness: getrandom fills the buffer from the calling thread's seeded stream. Reads of
 * /dev/urandom and /dev/random are redirected to seeded files by {@link FileHandler}, and the
 * AT_RANDOM bytes are set at exec.
 */
final class RandomHandler implements SyscallHandler {
    private static final int CHUNK = 64 * 1024;
    private static final int GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;
    /** The kernel returns at most 32 MiB - 1 bytes per call; so do we. */
    private static final long MAX_PER_CALL = (1L << 25) - 1;

    private final byte[] buffer = new byte[CHUNK];

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(Syscall.GETRANDOM);
    }

    @Override
    public Disposition onEntry(Guest call) {
        long addr = call.arg(0);
        long length = call.arg(1);
        int flags = call.intArg(2);
        boolean insecureAndRandom = (flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM);
        if ((flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0 || insecureAndRandom || length < 0) {
            return call.fail(Errno.EINVAL);
        }
        long total = Math.min(length, MAX_PER_CALL);
        for (long done = 0; done < total; done += CHUNK) {
            int n = (int) Math.min(CHUNK, total - done);
            call.thread().random().nextBytes(buffer, 0, n);
            call.memory().write(addr + done, buffer, 0, n);
        }
        return call.emulate(total);
    }
}
