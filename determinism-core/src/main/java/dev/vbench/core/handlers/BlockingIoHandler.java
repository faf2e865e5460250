package dev.vbench.core.handlers;

import dev.vbench.core.sched.Wait;
import dev.vbench.core.supervisor.DescriptorProbe;
import dev.vbench.core.supervisor.GuestTree;
import dev.vbench.core.supervisor.SyscallStop;

/**
 * Calls that block on descriptors (read and write on pipes and sockets, accept, poll, select,
 * epoll_wait) never block for real: if the descriptor is not ready, the thread is parked and the
 * call is let through once it is, at a scheduling point. A timeout runs on virtual time (poll
 * for 500 ms on an empty pipe returns after 500 ms of the guest's clock). A plain read or write
 * with one guest thread alive goes straight to the kernel: nothing but the outside world could
 * make it ready, and no other guest thread waits.
 */
final class BlockingIoHandler implements SyscallHandler {
    static final int READ = 0, WRITE = 1, POLL = 7, READV = 19, WRITEV = 20, SELECT = 23, ACCEPT = 43, SENDTO = 44,
            RECVFROM = 45, SENDMSG = 46, RECVMSG = 47, EPOLL_WAIT = 232, PSELECT6 = 270, PPOLL = 271,
            EPOLL_PWAIT = 281, ACCEPT4 = 288, EPOLL_PWAIT2 = 441;
    private static final short POLLIN = 1, POLLOUT = 4;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MAX_POLL_FDS = 4096;

    private final GuestTree tree;
    private final TimeBase time;

    BlockingIoHandler(GuestTree tree, TimeBase time) {
        this.tree = tree;
        this.time = time;
    }

    @Override
    public int[] syscalls() {
        return new int[] {READ, WRITE, POLL, READV, WRITEV, SELECT, ACCEPT, SENDTO, RECVFROM, SENDMSG, RECVMSG,
            EPOLL_WAIT, PSELECT6, PPOLL, EPOLL_PWAIT, ACCEPT4, EPOLL_PWAIT2};
    }

    @Override
    public Disposition onEntry(SyscallStop call) {
        boolean alone = tree.liveThreadCount() < 2;
        return switch (call.nr()) {
            case READ, READV, ACCEPT, ACCEPT4, RECVFROM, RECVMSG, WRITE, WRITEV, SENDTO, SENDMSG ->
                    alone ? Disposition.PASS : transfer(call);
            default -> waitsWithTimeout(call);
        };
    }

    private Disposition transfer(SyscallStop call) {
        return switch (call.nr()) {
            case READ, READV, ACCEPT, ACCEPT4 -> one(call, POLLIN);
            case RECVFROM -> (call.intArg(3) & MSG_DONTWAIT) != 0 ? Disposition.PASS : one(call, POLLIN);
            case RECVMSG -> (call.intArg(2) & MSG_DONTWAIT) != 0 ? Disposition.PASS : one(call, POLLIN);
            case WRITE, WRITEV -> one(call, POLLOUT);
            case SENDTO -> (call.intArg(3) & MSG_DONTWAIT) != 0 ? Disposition.PASS : one(call, POLLOUT);
            case SENDMSG -> (call.intArg(2) & MSG_DONTWAIT) != 0 ? Disposition.PASS : one(call, POLLOUT);
            default -> Disposition.PASS;
        };
    }

    private Disposition waitsWithTimeout(SyscallStop call) {
        return switch (call.nr()) {
            case POLL -> poll(call, call.arg(2) < 0 ? Wait.NEVER : millis(call.arg(2)));
            case PPOLL -> poll(call, timespec(call, call.arg(2)));
            case SELECT -> select(call, timeval(call, call.arg(4)));
            case PSELECT6 -> select(call, timespec(call, call.arg(4)));
            case EPOLL_WAIT, EPOLL_PWAIT -> epoll(call, call.intArg(3) < 0 ? Wait.NEVER : millis(call.arg(3)));
            case EPOLL_PWAIT2 -> epoll(call, timespec(call, call.arg(4)));
            default -> Disposition.PASS;
        };
    }

    private static Disposition one(SyscallStop call, short events) {
        int fd = call.intArg(0);
        if (call.probe(fd, events) != DescriptorProbe.State.NOT_READY) {
            return Disposition.PASS;
        }
        return call.block(new Wait.Descriptors(new int[] {fd}, new short[] {events}, Wait.NEVER), false);
    }

    /** Parks until one of {@code fds} is ready or the timeout passes; a zero timeout never blocks. */
    private Disposition waitFor(SyscallStop call, int[] fds, short[] events, long timeoutNanos) {
        if (timeoutNanos == 0) {
            return Disposition.PASS;
        }
        for (int i = 0; i < fds.length; i++) {
            if (call.probe(fds[i], events[i]) != DescriptorProbe.State.NOT_READY) {
                return Disposition.PASS;
            }
        }
        long deadline = timeoutNanos == Wait.NEVER ? Wait.NEVER : time.elapsed() + timeoutNanos;
        return call.block(new Wait.Descriptors(fds, events, deadline), false);
    }

    /** struct pollfd { int fd; short events; short revents; } */
    private Disposition poll(SyscallStop call, long timeout) {
        int n = (int) Math.min(call.arg(1), MAX_POLL_FDS);
        int[] fds = new int[n];
        short[] events = new short[n];
        if (n > 0 && call.memory().read(call.tid(), call.arg(0), n * 8) != n * 8) {
            return Disposition.PASS; // the kernel reports EFAULT
        }
        var buf = call.memory().scratch(n * 8);
        for (int i = 0; i < n; i++) {
            fds[i] = buf.getInt(i * 8L);
            events[i] = buf.getShort(i * 8L + 4);
        }
        return waitFor(call, fds, events, timeout);
    }

    private Disposition select(SyscallStop call, long timeout) {
        int nfds = Math.min(call.intArg(0), MAX_POLL_FDS);
        int words = (nfds + 63) / 64;
        java.util.List<Integer> fds = new java.util.ArrayList<>();
        java.util.List<Short> events = new java.util.ArrayList<>();
        for (int set = 1; set <= 2; set++) {
            long addr = call.arg(set);
            if (addr == 0) {
                continue;
            }
            for (int w = 0; w < words; w++) {
                long bits = call.memory().readLong(call.tid(), addr + 8L * w);
                for (int b = 0; b < 64 && w * 64 + b < nfds; b++) {
                    if ((bits & (1L << b)) != 0) {
                        fds.add(w * 64 + b);
                        events.add(set == 1 ? POLLIN : POLLOUT);
                    }
                }
            }
        }
        int[] f = fds.stream().mapToInt(Integer::intValue).toArray();
        short[] e = new short[events.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = events.get(i);
        }
        return waitFor(call, f, e, timeout);
    }

    /** An epoll descriptor polls readable when one of its events is ready. */
    private Disposition epoll(SyscallStop call, long timeout) {
        return waitFor(call, new int[] {call.intArg(0)}, new short[] {POLLIN}, timeout);
    }

    private static long millis(long ms) {
        return ms * 1_000_000L;
    }

    private static long timespec(SyscallStop call, long addr) {
        if (addr == 0) {
            return Wait.NEVER;
        }
        return call.memory().readLong(call.tid(), addr) * 1_000_000_000L + call.memory().readLong(call.tid(), addr + 8);
    }

    private static long timeval(SyscallStop call, long addr) {
        if (addr == 0) {
            return Wait.NEVER;
        }
        return call.memory().readLong(call.tid(), addr) * 1_000_000_000L + call.memory().readLong(call.tid(), addr + 8) * 1000;
    }
}
