package dev.vbench.core.handlers;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.function.Supplier;

/**
 * A blocking write, writev, send or sendmsg (on a connected socket) of more than PIPE_BUF bytes to
 * a pipe or a stream socket, made for the guest piece by piece. The kernel writes what fits and then sleeps
 * in the call until the reader reads; but the reader waits for its turn while the writer runs, so
 * the call stayed in the kernel until the watchdog came (`seq 1 200000 | gzip | zstd -T2 | ...`:
 * eight preemptions of 5 s; a Python multiprocessing Pipe sending 2 MB: nine), and the run was
 * marked nondeterministic. Here each piece is as large as the pipe or socket takes at that
 * moment, and between pieces the thread is parked until there is room, then makes the call again.
 * What is written already is kept per thread, keyed by the call's descriptor, buffer and length:
 * a call made again after a signal handler, or restarted by Valgrind from its own copy of the
 * arguments, goes on where it stopped. The guest sees one call that wrote all its bytes, or, if
 * the reader went away part-way, a short write (and SIGPIPE), as natively.
 *
 * <p>A write of at most PIPE_BUF bytes never blocks once the descriptor polls writable, so it
 * keeps the plain path. A call that never comes back (a signal handler that jumps away) leaves
 * its progress behind; the same descriptor, buffer and length written again would go on from
 * it, which no program does by accident.
 */
final class LargeWrite {
    static final long PIPE_BUF = 4096;
    private static final short POLLOUT = 4;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int IOV_MAX = 1024, IOVEC_SIZE = 16;
    /** struct msghdr: name, namelen, iov, iovlen, control, controllen, flags. */
    private static final int MSGHDR_SIZE = 56, MSG_NAME = 0, MSG_IOV = 16, MSG_IOVLEN = 24, MSG_CONTROLLEN = 40;

    /** How far the thread's current large write got; the call is known by its first three arguments. */
    private record Progress(int fd, long buf, long count, long done) {
        boolean of(int fd, long buf, long count) {
            return this.fd == fd && this.buf == buf && this.count == count;
        }
    }

    private static final StateKey<Progress> PROGRESS = StateKey.of("large write progress", () -> null);

    private LargeWrite() {
    }

    /** Whether the call goes on with a write this thread began (it must finish here, even if the thread is alone now). */
    static boolean continues(Guest call) {
        Progress progress = call.thread().state().peek(PROGRESS);
        return progress != null && progress.of(call.intArg(0), call.arg(1), call.arg(2));
    }

    /**
     * write(fd, buf, count), or sendto(fd, buf, count, flags, NULL, 0) with no flag but
     * MSG_NOSIGNAL; {@code otherwise} decides any other call, and one to a file that is no pipe or
     * stream socket.
     */
    static Disposition write(Guest call, Supplier<Disposition> otherwise) {
        long count = call.arg(2);
        int flags = call.syscall() == Syscall.SENDTO ? call.intArg(3) : 0;
        if (count <= PIPE_BUF || (call.syscall() == Syscall.SENDTO && (call.arg(4) != 0 || (flags & ~MSG_NOSIGNAL) != 0))) {
            return otherwise.get();
        }
        return inPieces(call, new long[] {call.arg(1)}, new long[] {count}, count, (flags & MSG_NOSIGNAL) == 0,
                call.syscall() == Syscall.SENDTO, otherwise);
    }

    /** writev(fd, iov, iovcnt): the same over the buffers of its iovecs, in order. */
    static Disposition writev(Guest call, Supplier<Disposition> otherwise) {
        return iovecs(call, call.arg(1), call.intArg(2), true, false, otherwise);
    }

    /**
     * sendmsg(fd, msg, flags) with no address, no ancillary data and no flag but MSG_NOSIGNAL: a
     * writev of the message's iovecs to a stream socket.
     */
    static Disposition sendmsg(Guest call, Supplier<Disposition> otherwise) {
        byte[] msg = new byte[MSGHDR_SIZE];
        if (call.memory().read(call.arg(1), msg, 0, MSGHDR_SIZE) != MSGHDR_SIZE) {
            return otherwise.get(); // the kernel gives EFAULT
        }
        int flags = call.intArg(2);
        if (Bytes.getLong(msg, MSG_NAME) != 0 || Bytes.getLong(msg, MSG_CONTROLLEN) != 0 || (flags & ~MSG_NOSIGNAL) != 0) {
            return otherwise.get();
        }
        long count = Bytes.getLong(msg, MSG_IOVLEN);
        return count > IOV_MAX ? otherwise.get()
                : iovecs(call, Bytes.getLong(msg, MSG_IOV), (int) count, (flags & MSG_NOSIGNAL) == 0, true, otherwise);
    }

    private static Disposition iovecs(Guest call, long iovAddress, int count, boolean sigpipe, boolean socketOnly,
            Supplier<Disposition> otherwise) {
        if (count <= 0 || count > IOV_MAX) {
            return otherwise.get(); // EINVAL from the kernel
        }
        byte[] iov = new byte[count * IOVEC_SIZE];
        call.memory().readFully(iovAddress, iov, 0, iov.length);
        long[] base = new long[count];
        long[] length = new long[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            base[i] = Bytes.getLong(iov, i * IOVEC_SIZE);
            length[i] = Bytes.getLong(iov, i * IOVEC_SIZE + 8);
            if (length[i] < 0 || (total += length[i]) < 0) {
                return otherwise.get(); // EINVAL from the kernel
            }
        }
        return total <= PIPE_BUF ? otherwise.get() : inPieces(call, base, length, total, sigpipe, socketOnly, otherwise);
    }

    /**
     * Writes the buffers {@code base}/{@code length} ({@code total} bytes) in order, from where this
     * call got last time, as far as the pipe or socket takes them now; answers the call when all are
     * written, or parks it to be made again.
     */
    private static Disposition inPieces(Guest call, long[] base, long[] length, long total, boolean sigpipe,
            boolean socketOnly, Supplier<Disposition> otherwise) {
        int fd = call.intArg(0);
        Progress progress = call.thread().state().peek(PROGRESS);
        long done = progress != null && progress.of(fd, call.arg(1), call.arg(2)) ? progress.done() : 0;
        if (done == 0 && call.probe(fd, POLLOUT) == Readiness.NON_BLOCKING) {
            return Disposition.PASS; // the guest's own non-blocking write: the kernel writes what fits
        }
        long start = 0;
        for (int i = 0; i < base.length && done < total; i++) {
            long end = start + length[i];
            if (done < end) {
                long want = end - done;
                long written = call.writeWithoutBlocking(fd, base[i] + (done - start), want, sigpipe, socketOnly);
                if (written == Guest.KERNEL_DECIDES) {
                    call.thread().state().put(PROGRESS, null);
                    return done > 0 ? call.emulate(done) : otherwise.get();
                }
                if (written < 0 && written != -Errno.EAGAIN) {
                    call.thread().state().put(PROGRESS, null);
                    // as the kernel: a reader gone part-way leaves the bytes written as the result
                    return call.emulate(done > 0 ? done : written);
                }
                done += Math.max(0, written);
                if (written < want) {
                    break; // full for now
                }
            }
            start = end;
        }
        if (done == total) {
            call.thread().state().put(PROGRESS, null);
            return call.emulate(total);
        }
        call.thread().state().put(PROGRESS, new Progress(fd, call.arg(1), call.arg(2), done));
        return call.retryAfter(Wait.Descriptors.call(fd, POLLOUT));
    }
}
