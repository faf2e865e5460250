package dev.vbench.core.handlers;

import dev.vbench.core.supervisor.SyscallStop;
import java.nio.charset.StandardCharsets;

/**
 * readlink and readlinkat: a /proc path naming a virtual pid is translated to the real one, and a
 * link target that names a real pid (/proc/self, /proc/self/fd/N -> /proc/PID/...) is returned
 * with the virtual pid.
 */
final class LinkHandler implements SyscallHandler {
    static final int READLINK = 89, READLINKAT = 267;

    private final ProcPaths procPaths;

    LinkHandler(ProcPaths procPaths) {
        this.procPaths = procPaths;
    }

    @Override
    public int[] syscalls() {
        return new int[] {READLINK, READLINKAT};
    }

    @Override
    public Disposition onEntry(SyscallStop call) {
        int pathArg = call.nr() == READLINK ? 0 : 1;
        String path = call.readPath(call.arg(pathArg));
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
    public void onExit(SyscallStop call) {
        long n = call.result();
        int bufArg = call.nr() == READLINK ? 1 : 2;
        long size = call.arg(bufArg + 1);
        if (n <= 0 || n > 4096) {
            return;
        }
        byte[] raw = new byte[(int) n];
        if (call.memory().read(call.tid(), call.arg(bufArg), (int) n) != n) {
            return;
        }
        call.memory().scratch((int) n).get(0, raw, 0, raw.length);
        String virtual = procPaths.toVirtual(new String(raw, StandardCharsets.UTF_8));
        if (virtual == null) {
            return;
        }
        byte[] out = virtual.getBytes(StandardCharsets.UTF_8);
        int length = (int) Math.min(out.length, size); // readlink truncates silently
        call.writeBytes(call.arg(bufArg), out, 0, length);
        call.setResult(length);
    }
}
