package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;

/**
 * A blocking write of more than PIPE_BUF bytes, made for the guest piece by piece when it goes to
 * a pipe. The kernel writes what fits and then sleeps in the call until the reader reads; but the
 * reader waits for its turn while the writer runs, so the call stayed in the kernel until the
 * watchdog came (`seq 1 200000 | gzip | zstd -T2 | ...`: eight preemptions of 5 s, and a run
 * marked nondeterministic). Here each piece is as large as the pipe takes at that moment, and
 * between pieces the thread is parked until the pipe has room, then makes the call again. What is
 * written already is kept per thread, keyed by the call's descriptor, buffer and length: a call
 * made again after a signal handler, or restarted by Valgrind from its own copy of the arguments,
 * goes on where it stopped. The guest sees one write of all its bytes.
 *
 * <p>A write of at most PIPE_BUF bytes never blocks once the pipe polls writable (it has a free
 * slot), so it keeps the plain path. A call that never comes back (a signal handler that jumps
 * away) leaves its progress behind; the same descriptor, buffer and length written again would go
 * on from it, which no program does by accident.
 */
final class PipeWrite {
    static final long PIPE_BUF = 4096;
    private static final short POLLOUT = 4;

    /** How far the thread's current large write got. */
    private record Progress(int fd, long buf, long count, long done) {
        boolean of(int fd, long buf, long count) {
            return this.fd == fd && this.buf == buf && this.count == count;
        }
    }

    private static final StateKey<Progress> PROGRESS = StateKey.of("pipe write progress", () -> null);

    private PipeWrite() {
    }

    /** Whether the call goes on with a write this thread began (it must finish here, even if the thread is alone now). */
    static boolean continues(Guest call) {
        Progress progress = call.thread().state().peek(PROGRESS);
        return progress != null && progress.of(call.intArg(0), call.arg(1), call.arg(2));
    }

    /**
     * write(fd, buf, count) with count above PIPE_BUF; {@code otherwise} decides a write that is no
     * blocking write to a pipe.
     */
    static Disposition write(Guest call, java.util.function.Supplier<Disposition> otherwise) {
        int fd = call.intArg(0);
        long buf = call.arg(1);
        long count = call.arg(2);
        Progress progress = call.thread().state().peek(PROGRESS);
        long done = progress != null && progress.of(fd, buf, count) ? progress.done() : 0;
        if (done == 0 && call.probe(fd, POLLOUT) == Readiness.NON_BLOCKING) {
            return Disposition.PASS; // the guest's own non-blocking write: the kernel writes what fits
        }
        long written = call.writeToPipe(fd, buf + done, count - done);
        if (written == Guest.NOT_A_PIPE) {
            call.thread().state().put(PROGRESS, null);
            return done > 0 ? call.emulate(done) : otherwise.get();
        }
        if (written < 0 && written != -Errno.EAGAIN) {
            call.thread().state().put(PROGRESS, null);
            // as the kernel: a reader gone part-way leaves the bytes written as the result (SIGPIPE sent)
            return call.emulate(done > 0 ? done : written);
        }
        done += Math.max(0, written);
        if (done == count) {
            call.thread().state().put(PROGRESS, null);
            return call.emulate(count);
        }
        call.thread().state().put(PROGRESS, new Progress(fd, buf, count, done));
        return call.retryAfter(Wait.Descriptors.call(fd, POLLOUT));
    }
}
