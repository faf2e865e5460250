package dev.vbench.core.handlers;

import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.WaitStatus;
import dev.vbench.core.supervisor.GuestProcess;
import dev.vbench.core.supervisor.GuestThread;
import dev.vbench.core.supervisor.SigInfo;
import dev.vbench.core.supervisor.GuestTree;
import dev.vbench.core.supervisor.SyscallStop;

/**
 * Process and thread ids: the guest sees virtual ids, handed out in creation order, in every call
 * that returns one and translates them back in every call that takes one. A virtual id the guest
 * never had names no process, so a guest can never signal a process outside its tree.
 */
final class ProcessHandler implements SyscallHandler {
    static final int GETPID = 39, CLONE = 56, FORK = 57, VFORK = 58, WAIT4 = 61, KILL = 62, SETPGID = 109,
            GETPPID = 110, GETPGRP = 111, GETPGID = 121, GETSID = 124, GETPRIORITY = 140, SETPRIORITY = 141,
            SCHED_SETPARAM = 142, SCHED_GETPARAM = 143, SCHED_SETSCHEDULER = 144, SCHED_GETSCHEDULER = 145,
            GETTID = 186, TKILL = 200, SET_TID_ADDRESS = 218, TGKILL = 234, WAITID = 247,
            RT_SIGQUEUEINFO = 129, RT_TGSIGQUEUEINFO = 297, PRLIMIT64 = 302, PIDFD_OPEN = 434, CLONE3 = 435;
    private static final int P_PID = 1, P_PGID = 2;
    private static final int WEXITED = 4, WNOWAIT = 0x01000000;
    private static final int RUSAGE_SIZE = 144;

    private static final dev.vbench.core.nativ.LibC LIBC = dev.vbench.core.nativ.Native.libc();
    /** vbench's own process group, which the root guest starts in. */
    private static final int OWN_GROUP = groupOf(0);

    private final GuestTree tree;
    private final byte[] zeros = new byte[RUSAGE_SIZE];

    ProcessHandler(GuestTree tree) {
        this.tree = tree;
    }

    @Override
    public int[] syscalls() {
        return new int[] {GETPID, CLONE, FORK, VFORK, WAIT4, KILL, SETPGID, GETPPID, GETPGRP, GETPGID, GETSID,
            GETPRIORITY, SETPRIORITY, SCHED_SETPARAM, SCHED_GETPARAM, SCHED_SETSCHEDULER, SCHED_GETSCHEDULER,
            GETTID, TKILL, SET_TID_ADDRESS, TGKILL, WAITID, RT_SIGQUEUEINFO, RT_TGSIGQUEUEINFO, PRLIMIT64,
            PIDFD_OPEN, CLONE3};
    }

    @Override
    public Disposition onEntry(SyscallStop call) {
        return switch (call.nr()) {
            case GETPID -> call.emulate(call.process().vpid());
            case GETTID -> call.emulate(call.thread().vtid());
            case GETPPID -> call.emulate(parentOf(call.process()));
            case SET_TID_ADDRESS -> {
                call.thread().clearChildTid = call.arg(0);
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
            case GETPRIORITY, SETPRIORITY -> call.intArg(0) == 0 && !idArg(call, 1) ? call.fail(Errno.ESRCH) : Disposition.PASS;
            default -> Disposition.PASS;
        };
    }

    /** Calls that return an id (and getpgid/getsid, which may also take one). */
    private Disposition idArgs(SyscallStop call) {
        if ((call.nr() == GETPGID || call.nr() == GETSID) && !idArg(call, 0)) {
            return call.fail(Errno.ESRCH);
        }
        return Disposition.AT_EXIT;
    }

    @Override
    public void onExit(SyscallStop call) {
        if (call.nr() == WAITID) {
            waitidExit(call);
            return;
        }
        long result = call.result();
        if (result <= 0) {
            return; // an error, or the child's side of a fork
        }
        if (call.nr() == WAIT4) {
            call.process().exitedChildren.remove(Integer.valueOf((int) result));
        }
        call.setResult(virtualOrOutside((int) result));
        if (call.nr() == WAIT4 && call.arg(3) != 0) {
            call.writeBytes(call.arg(3), zeros, 0, RUSAGE_SIZE); // the child's real resource usage
        }
    }

    private Disposition waitidArg(SyscallStop call) {
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
    private static Disposition waitOrBlock(SyscallStop call, int realPidSpec, int options) {
        GuestProcess p = call.process();
        if ((options & WaitStatus.WNOHANG) != 0 || p.hasExitedChild(realPidSpec) || p.liveChildren == 0) {
            return Disposition.AT_EXIT;
        }
        return call.block(new dev.vbench.core.sched.Wait.Child(realPidSpec, dev.vbench.core.sched.Wait.NEVER), true);
    }

    /** Lets the call send the signal, and marks the target so a parked call of its notices it. */
    private static Disposition signalled(SyscallStop call, GuestThread target, GuestProcess process, int signal) {
        if (target != null) {
            target.signalSent(signal);
        }
        if (process != null) {
            process.signalSent(signal);
        }
        return Disposition.PASS;
    }

    private void waitidExit(SyscallStop call) {
        long info = call.arg(2);
        if (call.result() != 0 || info == 0) {
            return;
        }
        int tid = call.tid();
        if (call.memory().read(tid, info, SigInfo.SENDER_BYTES) != SigInfo.SENDER_BYTES) {
            return;
        }
        jnr.ffi.Pointer siginfo = call.memory().scratch(SigInfo.SENDER_BYTES);
        int realPid = SigInfo.pid(siginfo);
        if (realPid != 0) { // 0: WNOHANG and no child ready
            if ((call.intArg(3) & WNOWAIT) == 0) {
                call.process().exitedChildren.remove(Integer.valueOf(realPid));
            }
            SigInfo.virtualizeSender(siginfo, tree, true);
            call.memory().write(tid, info, SigInfo.SENDER_BYTES);
        }
        if (call.arg(4) != 0) {
            call.writeBytes(call.arg(4), zeros, 0, RUSAGE_SIZE);
        }
    }

    private int parentOf(GuestProcess process) {
        return process.parent() == null ? GuestTree.OUTSIDE_VPID : process.parent().vpid();
    }

    private int virtualOrOutside(int realId) {
        int v = tree.toVirtual(realId);
        return v > 0 ? v : GuestTree.OUTSIDE_VPID;
    }

    /** Translates a pid argument in place (0 means "self" and stays); false if it names no guest. */
    private boolean idArg(SyscallStop call, int index) {
        int id = call.intArg(index);
        if (id == 0) {
            return true;
        }
        int real = tree.toReal(id);
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
    private Disposition kill(SyscallStop call) {
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
        int realGroup = pid == 0 ? groupOf(call.process().pid()) : tree.toReal(-pid);
        if (realGroup < 0) {
            return call.fail(Errno.ESRCH);
        }
        if (realGroup == OWN_GROUP) {
            return call.emulate(signalGuests(signal, null, OWN_GROUP));
        }
        call.setArg(0, -realGroup);
        return Disposition.PASS;
    }

    /** Signals every guest process (in {@code group}, if not -1) but {@code except}; 0 or -ESRCH. */
    private long signalGuests(int signal, GuestProcess except, int group) {
        boolean any = false;
        java.util.Set<GuestProcess> seen = new java.util.HashSet<>();
        for (GuestThread thread : tree.liveThreads()) {
            GuestProcess p = thread.process();
            if (p != except && seen.add(p) && (group == -1 || groupOf(p.pid()) == group)) {
                any |= LIBC.kill(p.pid(), signal) == 0;
                p.signalSent(signal);
            }
        }
        return any ? 0 : -Errno.ESRCH;
    }

    private static int groupOf(int realPid) {
        return (int) LIBC.syscall(GETPGID, realPid, 0, 0);
    }

    /** A pid argument of kill or wait4: positive a process, below -1 a process group, 0 and -1 as they are. */
    private boolean processArg(SyscallStop call, int index) {
        int id = call.intArg(index);
        if (id == 0 || id == -1) {
            return true;
        }
        int real = tree.toReal(Math.abs(id));
        if (real < 0) {
            return false;
        }
        call.setArg(index, id > 0 ? real : -real);
        return true;
    }
}
