package dev.vbench.core.supervisor;

import dev.vbench.core.nativ.AnswerBlock;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.Tracer;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.nativ.NativeException;
import dev.vbench.core.nativ.WaitStatus;
import jnr.ffi.Pointer;

/** waitpid with a preallocated status word; the status of the last wait is in {@link #status()}. */
final class StopWaiter {
    private final Pointer statusWord = Native.allocate(4);
    private int status;

    /** Waits for any tracee; returns its tid, or -1 when no tracee is left. */
    int waitAny() {
        return waitFor(-1, null);
    }

    /**
     * Waits for the next stop or end of {@code tid}; returns {@code tid}, or -1 if it is no tracee
     * (any more). waitpid(-1) walks every traced thread in the kernel at each call, which made a stop
     * cost 2.5 times as much at 1000 threads as at 2 (perf: 23% of all samples in
     * {@code wait_consider_task}); waiting for one thread looks that thread up alone.
     */
    int waitOne(int tid) {
        return waitFor(tid, null);
    }

    /**
     * {@link #waitOne}, letting the tracer answer the calls in {@code answers} by itself meanwhile
     * (see {@link Tracer#waitpidAnswering}); the block's log says which it answered.
     */
    int waitOneAnswering(int tid, AnswerBlock answers) {
        return waitFor(tid, answers);
    }

    /** Waits for a stop or the end of one tracee; throws {@link GuestVanished} if it ended. */
    void waitStop(int tid) {
        waitFor(tid, null);
        if (!WaitStatus.stopped(status)) {
            throw new GuestVanished(tid, status);
        }
    }

    int status() {
        return status;
    }

    /** waitpid for {@code pid}, letting the tracer answer the calls in {@code answers} meanwhile if they are not null. */
    private int waitFor(int pid, AnswerBlock answers) {
        while (true) {
            Tracer tracer = Tracer.current();
            int r = answers == null ? tracer.waitpid(pid, statusWord, WaitStatus.WALL)
                    : tracer.waitpidAnswering(pid, statusWord, WaitStatus.WALL, answers);
            if (r >= 0) {
                status = statusWord.getInt(0);
                return r;
            }
            int errno = tracer.errno();
            if (errno == Errno.EINTR) {
                continue;
            }
            if (errno == Errno.ECHILD) {
                return -1;
            }
            throw new NativeException("waitpid(" + pid + ")", errno);
        }
    }

    /** A tracee ended while the supervisor was stepping it; its wait status is kept. */
    static final class GuestVanished extends RuntimeException {
        final int tid;
        final int status;

        GuestVanished(int tid, int status) {
            super("tracee " + tid + " ended while being set up", null, false, false);
            this.tid = tid;
            this.status = status;
        }
    }
}
