package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.syscalls.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * readlink and readlinkat: a /proc path naming a virtual pid is translated to the real one, and a
 * link target that names a real pid (/proc/self, /proc/self/fd/N -> /proc/PID/...) is returned
 * with the virtual pid.
 */
final class LinkHandler implements SyscallHandler {
    private static final int MAX_TARGET = 4096;

    private final ProcPaths procPaths;

    LinkHandler(ProcPaths procPaths) {
        this.procPaths = procPaths;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(Syscall.READLINK, Syscall.READLINKAT);
    }

    private static int pathArg(Guest call) {
        return call.syscall() == Syscall.READLINK ? 0 : 1;
    }

    @Override
    public Disposition onEntry(Guest call) {
        int pathArg = pathArg(call);
        String path = call.memory().readPath(call.arg(pathArg));
        if (path != null && path.startsWith("/proc/")) {
            String real = procPaths.toReal(path);
            if (real != null) {
                call.setArg(pathArg, call.passString(real));
            }
            return Disposition.AT_EXIT;
        }
        return Disposition.PASS;
    }

    @Override
    public void onExit(Guest call) {
        long n = call.result();
        int bufArg = pathArg(call) + 1;
        long size = call.arg(bufArg + 1);
        if (n <= 0 || n > MAX_TARGET) {
            return;
        }
        byte[] raw = new byte[(int) n];
        call.memory().readFully(call.arg(bufArg), raw, 0, raw.length);
        String virtual = procPaths.toVirtual(new String(raw, StandardCharsets.UTF_8));
        if (virtual == null) {
            return;
        }
        byte[] out = virtual.getBytes(StandardCharsets.UTF_8);
        int length = (int) Math.min(out.length, size); // readlink truncates silently
        call.memory().write(call.arg(bufArg), out, 0, length);
        call.setResult(length);
    }
}
