package dev.vbench.core.supervisor;

import dev.vbench.core.handlers.HostProcesses;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;

/** {@link HostProcesses} through libc: getpgid and kill on real pids. */
final class KernelProcesses implements HostProcesses {
    private static final int SYS_GETPGID = 121;
    private final LibC c = Native.libc();

    @Override
    public int groupOf(int realPid) {
        return (int) c.syscall(SYS_GETPGID, realPid, 0, 0);
    }

    @Override
    public boolean kill(int realPid, int signal) {
        return c.kill(realPid, signal) == 0;
    }
}
