package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.PAUSE;
import static dev.vbench.core.syscalls.Syscall.RT_SIGSUSPEND;
import static dev.vbench.core.syscalls.Syscall.RT_SIGTIMEDWAIT;
import static dev.vbench.core.syscalls.Syscall.SCHED_YIELD;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestMemory;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.Set;

/**
 * Calls that wait for a signal (pause, rt_sigsuspend, rt_sigtimedwait) park the thread until the
 * guest sends it one (the supervisor then lets the kernel run the call, which takes the signal);
 * sched_yield ends the caller's scheduling slice. The siginfo rt_sigtimedwait returns names the
 * sender with its virtual pid, as a delivered signal's does.
 */
final class SignalWaitHandler implements SyscallHandler {
    private final GuestTree tree;
    private final TimeBase time;

    SignalWaitHandler(GuestTree tree, TimeBase time) {
        this.tree = tree;
        this.time = time;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(SCHED_YIELD, PAUSE, RT_SIGTIMEDWAIT, RT_SIGSUSPEND);
    }

    @Override
    public Disposition onEntry(Guest call) {
        return switch (call.syscall()) {
            case SCHED_YIELD -> {
                call.yieldCpu();
                yield call.emulate(0);
            }
            case PAUSE -> call.block(new Wait.Signal(-1, 0, Wait.NEVER), false);
            case RT_SIGSUSPEND -> call.block(new Wait.Signal(call.memory().readLong(call.arg(0)), 0, Wait.NEVER), false);
            case RT_SIGTIMEDWAIT -> sigtimedwait(call);
            default -> Disposition.PASS;
        };
    }

    /**
     * rt_sigtimedwait(set, info, timeout): returns at once if a signal of {@code set} is pending or
     * the timeout is zero (Valgrind polls so once per time slice); otherwise the thread parks until
     * one is sent or the timeout passes in virtual time (then EAGAIN).
     */
    private Disposition sigtimedwait(Guest call) {
        long nanos = Wait.NEVER;
        if (call.arg(2) != 0) {
            GuestMemory.Timespec t = call.memory().readTimespec(call.arg(2));
            if (!t.valid()) {
                return call.fail(Errno.EINVAL);
            }
            nanos = t.totalNanos();
            if (nanos == 0) {
                return Disposition.AT_EXIT; // a poll
            }
        }
        long set = call.memory().readLong(call.arg(0));
        SignalMasks masks = call.signalMasks();
        if (masks == null || (masks.pending() & set) != 0) {
            return Disposition.AT_EXIT; // already pending (or unknown): the kernel returns at once
        }
        long deadline = nanos == Wait.NEVER ? Wait.NEVER : time.after(nanos);
        return call.block(new Wait.Signal(-1, set, deadline), true);
    }

    /** rt_sigtimedwait took a signal: its siginfo's sender is made the one the guest knows. */
    @Override
    public void onExit(Guest call) {
        long info = call.arg(1);
        if (call.result() <= 0 || info == 0) {
            return;
        }
        byte[] siginfo = new byte[SigInfo.SENDER_BYTES];
        call.memory().readFully(info, siginfo, 0, siginfo.length);
        if (SigInfo.sentByProcess(siginfo, (int) call.result())) {
            SigInfo.virtualizeSender(siginfo, tree, SigInfo.isChildStatus(siginfo, (int) call.result()));
            call.memory().write(info, siginfo, 0, siginfo.length);
        }
    }
}
