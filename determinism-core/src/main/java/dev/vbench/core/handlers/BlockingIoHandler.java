package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.ACCEPT;
import static dev.vbench.core.syscalls.Syscall.ACCEPT4;
import static dev.vbench.core.syscalls.Syscall.EPOLL_PWAIT;
import static dev.vbench.core.syscalls.Syscall.EPOLL_PWAIT2;
import static dev.vbench.core.syscalls.Syscall.EPOLL_WAIT;
import static dev.vbench.core.syscalls.Syscall.POLL;
import static dev.vbench.core.syscalls.Syscall.PPOLL;
import static dev.vbench.core.syscalls.Syscall.PSELECT6;
import static dev.vbench.core.syscalls.Syscall.READ;
import static dev.vbench.core.syscalls.Syscall.READV;
import static dev.vbench.core.syscalls.Syscall.RECVFROM;
import static dev.vbench.core.syscalls.Syscall.RECVMSG;
import static dev.vbench.core.syscalls.Syscall.SELECT;
import static dev.vbench.core.syscalls.Syscall.SENDMSG;
import static dev.vbench.core.syscalls.Syscall.SENDTO;
import static dev.vbench.core.syscalls.Syscall.WRITE;
import static dev.vbench.core.syscalls.Syscall.WRITEV;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestMemory;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.syscalls.PollTimeout;
import dev.vbench.core.syscalls.Syscall;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Calls that block on descriptors (read and write on pipes and sockets, accept, poll, select,
 * epoll_wait) never block for real: the thread is parked, ready descriptors or not, and the call
 * is let through when the thread is chosen and one is ready. A timeout runs on virtual time (poll for
 * 500 ms on an empty pipe returns after 500 ms of the guest's clock). A plain read or write with
 * one guest thread alive goes straight to the kernel: nothing but the outside world could make it
 * ready, and no other guest thread waits.
 */
final class BlockingIoHandler implements SyscallHandler {
    static final short POLLIN = 1, POLLOUT = 4;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MAX_POLL_FDS = 4096;
    private static final int POLLFD_SIZE = 8;

    private final GuestTree tree;
    private final TimeBase time;

    BlockingIoHandler(GuestTree tree, TimeBase time) {
        this.tree = tree;
        this.time = time;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(READ, WRITE, POLL, READV, WRITEV, SELECT, ACCEPT, SENDTO, RECVFROM, SENDMSG, RECVMSG,
                EPOLL_WAIT, PSELECT6, PPOLL, EPOLL_PWAIT, ACCEPT4, EPOLL_PWAIT2);
    }

    @Override
    public Disposition onEntry(Guest call) {
        boolean alone = tree.liveThreadCount() < 2;
        return switch (call.syscall()) {
            case READ, READV, ACCEPT, ACCEPT4 -> alone ? Disposition.PASS : one(call, POLLIN);
            case RECVFROM -> alone || dontWait(call.intArg(3)) ? Disposition.PASS : one(call, POLLIN);
            case RECVMSG -> alone || dontWait(call.intArg(2)) ? Disposition.PASS : one(call, POLLIN);
            case WRITE, WRITEV, SENDTO, SENDMSG -> write(call, alone);
            case POLL, PPOLL -> poll(call, timeout(call));
            case SELECT, PSELECT6 -> select(call, timeout(call));
            case EPOLL_WAIT, EPOLL_PWAIT, EPOLL_PWAIT2 -> epoll(call, timeout(call));
            default -> Disposition.PASS;
        };
    }

    /**
     * write, writev, sendto, sendmsg: one of more than PIPE_BUF bytes goes through {@link LargeWrite},
     * which also finishes a write it began when the thread has been left alone since.
     */
    private static Disposition write(Guest call, boolean alone) {
        boolean dontWait = switch (call.syscall()) {
            case SENDTO -> dontWait(call.intArg(3));
            case SENDMSG -> dontWait(call.intArg(2));
            default -> false;
        };
        if ((alone && !LargeWrite.continues(call)) || dontWait) {
            return Disposition.PASS;
        }
        Supplier<Disposition> plain = () -> one(call, POLLOUT);
        return switch (call.syscall()) {
            case WRITEV -> LargeWrite.writev(call, plain);
            case SENDMSG -> LargeWrite.sendmsg(call, plain);
            default -> LargeWrite.write(call, plain);
        };
    }

    private static boolean dontWait(int flags) {
        return (flags & MSG_DONTWAIT) != 0;
    }

    /** A non-blocking descriptor never blocks the call: the kernel answers it at once. */
    private static Disposition one(Guest call, short events) {
        int fd = call.intArg(0);
        if (call.probe(fd, events) == Readiness.NON_BLOCKING) {
            return Disposition.PASS;
        }
        return park(call, Wait.Descriptors.call(fd, events));
    }

    /**
     * Waits until one of {@code fds} is ready or the timeout passes; a zero timeout never blocks,
     * and a negative one (an invalid timespec) is left to the kernel to refuse.
     */
    private Disposition waitFor(Guest call, int[] fds, short[] events, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return Disposition.PASS;
        }
        long deadline = timeoutNanos == Wait.NEVER ? Wait.NEVER : time.after(timeoutNanos);
        return park(call, Wait.Descriptors.poll(fds, events, deadline, maskDuringWait(call)));
    }

    /**
     * The signal mask pselect6, ppoll and epoll_pwait set while they wait, or -1 (none given: the
     * thread's own). pselect6's sixth argument points at {const sigset_t *ss; size_t ss_len}.
     */
    private static long maskDuringWait(Guest call) {
        long set = switch (call.syscall()) {
            case PPOLL -> call.arg(3);
            case EPOLL_PWAIT, EPOLL_PWAIT2 -> call.arg(4);
            case PSELECT6 -> call.arg(5) == 0 ? 0 : call.memory().readLong(call.arg(5));
            default -> 0;
        };
        return set == 0 ? -1 : call.memory().readLong(set);
    }

    /**
     * Parks even when the descriptors are ready now: the call runs only when the thread is next
     * chosen, and a thread chosen before it may take the data meanwhile (a waiter for Valgrind's
     * lock takes the byte its holder wrote; consumers polling one pipe take each other's input),
     * so readiness is checked again then (WaitChecker.stillReady). Let through at once, the call
     * would block in the kernel while the supervisor waits for it.
     */
    private static Disposition park(Guest call, Wait.Descriptors wait) {
        return call.block(wait, false);
    }

    /** struct pollfd { int fd; short events; short revents; }; a negative fd is ignored, as by the kernel. */
    private Disposition poll(Guest call, long timeout) {
        int n = (int) Math.min(call.arg(1), MAX_POLL_FDS);
        byte[] raw = new byte[n * POLLFD_SIZE];
        call.memory().readFully(call.arg(0), raw, 0, raw.length);
        int[] fds = new int[n];
        short[] events = new short[n];
        int used = 0;
        for (int i = 0; i < n; i++) {
            int fd = Bytes.getInt(raw, i * POLLFD_SIZE);
            if (fd >= 0) {
                fds[used] = fd;
                events[used++] = Bytes.getShort(raw, i * POLLFD_SIZE + 4);
            }
        }
        return waitFor(call, Arrays.copyOf(fds, used), Arrays.copyOf(events, used), timeout);
    }

    /** The read set waits for input, the write set for room; the exception set is left to the kernel. */
    private Disposition select(Guest call, long timeout) {
        int nfds = Math.max(0, Math.min(call.intArg(0), MAX_POLL_FDS));
        int words = (nfds + 63) / 64;
        int[] fds = new int[2 * nfds];
        short[] events = new short[2 * nfds];
        int used = 0;
        for (int set = 1; set <= 2; set++) {
            long addr = call.arg(set);
            if (addr == 0) {
                continue;
            }
            for (int w = 0; w < words; w++) {
                long bits = call.memory().readLong(addr + 8L * w);
                for (int b = 0; b < 64 && w * 64 + b < nfds; b++) {
                    if ((bits & (1L << b)) != 0) {
                        fds[used] = w * 64 + b;
                        events[used++] = set == 1 ? POLLIN : POLLOUT;
                    }
                }
            }
        }
        return waitFor(call, Arrays.copyOf(fds, used), Arrays.copyOf(events, used), timeout);
    }

    /** An epoll descriptor polls readable when one of its events is ready. */
    private Disposition epoll(Guest call, long timeout) {
        return waitFor(call, new int[] {call.intArg(0)}, new short[] {POLLIN}, timeout);
    }

    /**
     * A poll-type call's timeout in nanoseconds: {@link Wait#NEVER} for none (negative milliseconds,
     * a NULL struct), -1 if the struct is invalid.
     */
    private static long timeout(Guest call) {
        PollTimeout t = PollTimeout.of(call.syscall());
        if (t.form() == PollTimeout.Form.MILLIS) {
            int ms = call.intArg(t.arg());
            return ms < 0 ? Wait.NEVER : ms * 1_000_000L;
        }
        long addr = call.arg(t.arg());
        if (addr == 0) {
            return Wait.NEVER;
        }
        GuestMemory.Timespec ts = t.form() == PollTimeout.Form.TIMEVAL ? call.memory().readTimeval(addr)
                : call.memory().readTimespec(addr);
        return ts.valid() ? ts.totalNanos() : -1;
    }
}
