package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.CLONE;
import static dev.vbench.core.syscalls.Syscall.CLONE3;
import static dev.vbench.core.syscalls.Syscall.FORK;
import static dev.vbench.core.syscalls.Syscall.GETPGID;
import static dev.vbench.core.syscalls.Syscall.GETPGRP;
import static dev.vbench.core.syscalls.Syscall.GETPID;
import static dev.vbench.core.syscalls.Syscall.GETPPID;
import static dev.vbench.core.syscalls.Syscall.GETPRIORITY;
import static dev.vbench.core.syscalls.Syscall.GETSID;
import static dev.vbench.core.syscalls.Syscall.GETTID;
import static dev.vbench.core.syscalls.Syscall.KILL;
import static dev.vbench.core.syscalls.Syscall.PIDFD_OPEN;
import static dev.vbench.core.syscalls.Syscall.PRLIMIT64;
import static dev.vbench.core.syscalls.Syscall.RT_SIGQUEUEINFO;
import static dev.vbench.core.syscalls.Syscall.RT_TGSIGQUEUEINFO;
import static dev.vbench.core.syscalls.Syscall.SCHED_GETPARAM;
import static dev.vbench.core.syscalls.Syscall.SCHED_GETSCHEDULER;
import static dev.vbench.core.syscalls.Syscall.SCHED_SETPARAM;
import static dev.vbench.core.syscalls.Syscall.SCHED_SETSCHEDULER;
import static dev.vbench.core.syscalls.Syscall.SETPGID;
import static dev.vbench.core.syscalls.Syscall.SETPRIORITY;
import static dev.vbench.core.syscalls.Syscall.SET_TID_ADDRESS;
import static dev.vbench.core.syscalls.Syscall.TGKILL;
import static dev.vbench.core.syscalls.Syscall.TKILL;
import static dev.vbench.core.syscalls.Syscall.VFORK;
import static dev.vbench.core.syscalls.Syscall.WAIT4;
import static dev.vbench.core.syscalls.Syscall.WAITID;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.WaitStatus;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.Set;

/**
 * Process and thread ids: the guest sees virtual ids, handed out in creation order, in every call
 * that returns one and translates them back in every call that takes one. A virtual id the guest
 * never had names no process, so a guest can never signal a process outside its tree.
 */
final class ProcessHandler implements SyscallHandler {
    private static final int P_PID = 1, P_PGID = 2;
    private static final int WEXITED = 4, WNOWAIT = 0x01000000;
    private static final int RUSAGE_SIZE = 144;

    private final GuestTree tree;
    private final HostProcesses host;
    /** vbench's own process group, which the root guest starts in. */
    private final int ownGroup;
    private final byte[] zeros = new byte[RUSAGE_SIZE];
    private final RunReport report;

    ProcessHandler(GuestTree tree, HostProcesses host, RunReport report) {
        this.tree = tree;
        this.host = host;
        this.report = report;
        this.ownGroup = host.groupOf(0);
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(GETPID, CLONE, FORK, VFORK, WAIT4, KILL, SETPGID, GETPPID, GETPGRP, GETPGID, GETSID,
                GETPRIORITY, SETPRIORITY, SCHED_SETPARAM, SCHED_GETPARAM, SCHED_SETSCHEDULER, SCHED_GETSCHEDULER,
                GETTID, TKILL, SET_TID_ADDRESS, TGKILL, WAITID, RT_SIGQUEUEINFO, RT_TGSIGQUEUEINFO, PRLIMIT64,
                PIDFD_OPEN, CLONE3);
    }

    @Override
    public Disposition onEntry(Guest call) {
        return switch (call.syscall()) {
            case GETPID -> call.emulate(call.process().vpid());
            case GETTID -> call.emulate(call.thread().vtid());
            case GETPPID -> call.emulate(parentOf(call.process()));
            case SET_TID_ADDRESS -> {
                call.thread().setClearChildTid(call.arg(0));
                yield idArgs(call);
            }
            case CLONE, FORK, VFORK, CLONE3, GETPGRP, GETSID, GETPGID -> idArgs(call);
            case WAIT4 -> processArg(call, 0) ? waitOrBlock(call, call.intArg(0), call.intArg(2)) : call.fail(Errno.ECHILD);
            case WAITID -> waitidArg(call);
            case KILL -> kill(call);
            case TKILL -> idArg(call, 0) ? signalled(call, tree.thread(call.intArg(0)), null, call.intArg(1))
                    : call.fail(Errno.ESRCH);
            case TGKILL -> idArg(call, 0) && idArg(call, 1) ? signalled(call, tree.thread(call.intArg(1)), null,
                    call.intArg(2)) : call.fail(Errno.ESRCH);
            case SCHED_SETPARAM, SCHED_GETPARAM, SCHED_SETSCHEDULER, SCHED_GETSCHEDULER, PRLIMIT64,
                    PIDFD_OPEN, RT_SIGQUEUEINFO -> idArg(call, 0) ? Disposition.PASS : call.fail(Errno.ESRCH);
            case RT_TGSIGQUEUEINFO -> idArg(call, 0) && idArg(call, 1) ? Disposition.PASS : call.fail(Errno.ESRCH);
            case SETPGID -> idArg(call, 0) && idArg(call, 1) ? Disposition.PASS : call.fail(Errno.ESRCH);
            case GETPRIORITY -> call.intArg(0) == 0 && !idArg(call, 1) ? call.fail(Errno.ESRCH) : Disposition.AT_EXIT;
            case SETPRIORITY -> {
                if (call.intArg(0) == 0 && !idArg(call, 1)) {
                    yield call.fail(Errno.ESRCH);
                }
                call.setArg(2, Niceness.real(call.intArg(2)));
                yield Disposition.PASS;
            }
            default -> Disposition.PASS;
        };
    }

    /** Calls that return an id (and getpgid/getsid, which may also take one). */
    private Disposition idArgs(Guest call) {
        if ((call.syscall() == GETPGID || call.syscall() == GETSID) && !idArg(call, 0)) {
            return call.fail(Errno.ESRCH);
        }
        if (createsProcess(call) && tree.liveProcessCount() >= tree.config().maxProcesses()) {
            report.problem("the guest tried to have more than " + tree.config().maxProcesses()
                    + " processes alive at once; its forks beyond failed with EAGAIN (--max-processes)");
            return call.fail(Errno.EAGAIN);
        }
        return Disposition.AT_EXIT;
    }

    private static final long CLONE_THREAD = 0x10000;

    /** Whether the call makes a new process (a fork, or a clone that is not a thread). */
    private static boolean createsProcess(Guest call) {
        return switch (call.syscall()) {
            case FORK, VFORK -> true;
            case CLONE -> (call.arg(0) & CLONE_THREAD) == 0;
            case CLONE3 -> (call.memory().readLong(call.arg(0)) & CLONE_THREAD) == 0; // clone_args.flags
            default -> false;
        };
    }

    @Override
    public void onExit(Guest call) {
        if (call.syscall() == WAITID) {
            waitidExit(call);
            return;
        }
        if (call.syscall() == GETPRIORITY) {
            if (call.result() > 0) {
                call.setResult(Niceness.shownPriorityResult(call.result()));
            }
            return;
        }
        long result = call.result();
        if (result <= 0) {
            return; // an error, or the child's side of a fork
        }
        if (call.syscall() == WAIT4) {
            call.process().childReaped((int) result);
            tree.reaped((int) result);
        }
        call.setResult(virtualOrOutside((int) result));
        if (call.syscall() == WAIT4 && call.arg(3) != 0) {
            call.memory().write(call.arg(3), zeros, 0, RUSAGE_SIZE); // the child's real resource usage
        }
    }

    private Disposition waitidArg(Guest call) {
        int idtype = call.intArg(0);
        if ((idtype == P_PID || idtype == P_PGID) && !idArg(call, 1)) {
            return call.fail(Errno.ECHILD);
        }
        if ((call.intArg(3) & WEXITED) == 0) {
            return Disposition.AT_EXIT; // waits only for stops or continues: not modelled, the kernel decides
        }
        return waitOrBlock(call, idtype == P_PID ? call.intArg(1) : -1, call.intArg(3));
    }

    /**
     * wait4/waitid must not block in the kernel: unless a matching child has already exited (or
     * there is none to wait for, and the kernel answers ECHILD), the thread is parked until one exits.
     */
    private static Disposition waitOrBlock(Guest call, int realPidSpec, int options) {
        GuestProcess p = call.process();
        if ((options & WaitStatus.WNOHANG) != 0 || p.hasExitedChild(realPidSpec) || p.liveChildren() == 0) {
            return Disposition.AT_EXIT;
        }
        return call.block(new Wait.Child(realPidSpec, Wait.NEVER), true);
    }

    /** Lets the call send the signal, and marks the target so a parked call of its notices it. */
    private static Disposition signalled(Guest call, GuestThread target, GuestProcess process, int signal) {
        if (target != null) {
            target.signalSent(signal);
        }
        if (process != null) {
            process.signalSent(signal);
        }
        return Disposition.PASS;
    }

    private void waitidExit(Guest call) {
        long info = call.arg(2);
        if (call.result() != 0 || info == 0) {
            return;
        }
        byte[] siginfo = new byte[SigInfo.SENDER_BYTES];
        call.memory().readFully(info, siginfo, 0, siginfo.length);
        int realPid = SigInfo.pid(siginfo);
        if (realPid != 0) { // 0: WNOHANG and no child ready
            if ((call.intArg(3) & WNOWAIT) == 0) {
                call.process().childReaped(realPid);
                tree.reaped(realPid);
            }
            SigInfo.virtualizeSender(siginfo, tree, true);
            call.memory().write(info, siginfo, 0, siginfo.length);
        }
        if (call.arg(4) != 0) {
            call.memory().write(call.arg(4), zeros, 0, RUSAGE_SIZE);
        }
    }

    /** The parent's virtual pid; an orphan's parent is init, outside the guest, as the kernel reparents it. */
    private int parentOf(GuestProcess process) {
        GuestProcess parent = process.parent();
        return parent == null || parent.exited() ? GuestTree.OUTSIDE_VPID : parent.vpid();
    }

    private int virtualOrOutside(int realId) {
        int v = tree.toVirtual(realId);
        return v > 0 ? v : GuestTree.OUTSIDE_VPID;
    }

    /** Translates a pid argument in place (0 means "self" and stays); false if it names no guest. */
    private boolean idArg(Guest call, int index) {
        int id = call.intArg(index);
        if (id == 0) {
            return true;
        }
        int real = tree.toRealInUse(id);
        if (real < 0) {
            return false;
        }
        call.setArg(index, real);
        return true;
    }

    /**
     * kill: a positive pid names one guest process. The root guest shares vbench's own process
     * group, so "my group" (0, or that group by number) and "everyone" (-1) are answered here by
     * signalling the guest processes concerned, never vbench or the rest of the host.
     */
    private Disposition kill(Guest call) {
        int pid = call.intArg(0);
        int signal = call.intArg(1);
        if (pid > 0) {
            if (!processArg(call, 0)) {
                return call.fail(Errno.ESRCH);
            }
            GuestThread leader = tree.thread(call.intArg(0));
            return signalled(call, null, leader == null ? null : leader.process(), signal);
        }
        if (pid == -1) {
            return call.emulate(signalGuests(signal, call.process(), -1));
        }
        int realGroup = pid == 0 ? host.groupOf(call.process().pid()) : tree.toReal(-pid);
        if (realGroup < 0) {
            return call.fail(Errno.ESRCH);
        }
        if (realGroup == ownGroup) {
            return call.emulate(signalGuests(signal, null, ownGroup));
        }
        call.setArg(0, -realGroup);
        return Disposition.PASS;
    }

    /**
     * Signals every guest process (in {@code group}, if not -1) but {@code except}, in the order of
     * their virtual pids; returns 0, or -ESRCH if none could be signalled.
     */
    private long signalGuests(int signal, GuestProcess except, int group) {
        boolean any = false;
        java.util.List<GuestProcess> processes = tree.liveThreads().stream().map(GuestThread::process).distinct()
                .sorted(java.util.Comparator.comparingInt(GuestProcess::vpid)).toList();
        for (GuestProcess p : processes) {
            if (p != except && (group == -1 || host.groupOf(p.pid()) == group)) {
                any |= host.kill(p.pid(), signal);
                p.signalSent(signal);
            }
        }
        return any ? 0 : -Errno.ESRCH;
    }

    /** A pid argument of kill or wait4: positive a process, below -1 a process group, 0 and -1 as they are. */
    private boolean processArg(Guest call, int index) {
        int id = call.intArg(index);
        if (id == 0 || id == -1) {
            return true;
        }
        int real = tree.toRealInUse(Math.abs(id));
        if (real < 0) {
            return false;
        }
        call.setArg(index, id > 0 ? real : -real);
        return true;
    }
}
