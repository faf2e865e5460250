package dev.vbench.core.supervisor;

import dev.vbench.core.RunConfig;
import dev.vbench.core.RunOutcome;
import dev.vbench.core.handlers.Disposition;
import dev.vbench.core.handlers.StandardHandlers;
import dev.vbench.core.handlers.SyscallHandler;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.NativeException;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.nativ.Ptrace;
import dev.vbench.core.nativ.Registers;
import dev.vbench.core.nativ.RemoteMemory;
import dev.vbench.core.nativ.Signals;
import dev.vbench.core.nativ.WaitStatus;
import dev.vbench.core.spawn.GuestLauncher;
import dev.vbench.core.sched.Scheduler;
import dev.vbench.core.sched.Wait;
import dev.vbench.core.util.IntMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jnr.ffi.Pointer;

/**
 * The ptrace event loop: waitpid(-1, __WALL) -> event -> handler -> resume, for the whole guest
 * tree, on one platform thread (every ptrace request must come from the attaching thread).
 *
 * <p>The loop allocates nothing per stop: registers, memory buffers and the handler table are
 * built once per run.
 */
public final class Supervisor {
    private static final long OPTIONS = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEFORK | Ptrace.O_TRACEVFORK
            | Ptrace.O_TRACECLONE | Ptrace.O_TRACEEXEC | Ptrace.O_TRACESECCOMP | Ptrace.O_EXITKILL;
    private static final int SYSCALL_STOP = Signals.SIGTRAP | 0x80;
    /** -Dvbench.trace=true prints every stop to stderr: for developing the supervisor, not for users. */
    private static final boolean TRACE = Boolean.getBoolean("vbench.trace");
    /**
     * -Dvbench.fault.afterSyscalls=N makes the supervisor fail on purpose at the Nth system call,
     * so tests can show that an internal failure leaves no guest process behind.
     */
    private static final long FAULT_AFTER_SYSCALLS = Long.getLong("vbench.fault.afterSyscalls", Long.MAX_VALUE);
    private static final long CLONE_THREAD = 0x00010000;
    private static final int SYS_CLONE = 56, SYS_VFORK = 58, SYS_CLONE3 = 435;
    private static final int SYS_EXECVE = 59, SYS_EXIT = 60, SYS_EXIT_GROUP = 231, SYS_EXECVEAT = 322;
    private static final long CLONE_VFORK = 0x00004000, CLONE_CHILD_CLEARTID = 0x00200000;

    private final LibC c = Native.libc();
    private final GuestTree tree;
    private final SyscallHandler[] handlers = new SyscallHandler[SyscallNames.TABLE_SIZE];
    private final Registers regs = new Registers();
    private final RemoteMemory memory = new RemoteMemory();
    private final SyscallStop stop;
    private final StopWaiter waiter = new StopWaiter();
    private final Pointer eventMessage = Native.allocate(8);
    private final Injector injector;
    private final ExecSetup execSetup;
    private final TrapEmulator traps;
    private final SignalTranslator signals;
    /** Tids whose first stop came before their parent's clone event: they wait, still stopped. */
    private final IntMap<Boolean> unannounced = new IntMap<>();
    private volatile boolean killing;
    private volatile RunOutcome.Termination termination = RunOutcome.Termination.GUEST_EXITED;
    private int rootStatus;
    private int leftoversKilled;
    /** The root guest exited: what is left is being killed, and nothing is scheduled any more. */
    private boolean rootGone;
    private final Watchdog watchdog;
    private long syscallsSeen;

    private final GuestRuntime runtime;
    private final Scheduler scheduler;
    private final Parking parking;
    private final WaitChecker waits;

    public Supervisor(RunConfig config, GuestClock clock, GuestRuntime runtime) {
        this.tree = new GuestTree(config, clock);
        this.runtime = runtime;
        this.watchdog = new Watchdog(!runtime.preemptsAtTimeSlices());
        this.scheduler = Scheduler.forSeed(config.schedSeed(), config.chaos());
        this.parking = new Parking(scheduler);
        this.waits = new WaitChecker(tree, scheduler, parking);
        this.stop = new SyscallStop(regs, memory, tree, parking, waits.probe());
        this.injector = new Injector(regs, waiter);
        for (SyscallHandler h : StandardHandlers.create(tree)) {
            install(h);
        }
        this.execSetup = runtime.countsGuestSyscalls()
                ? new ExecSetup(regs, memory, injector, tree, trappedSyscalls(), runtime.privateSyscallSite())
                : new ExecSetup(regs, memory, injector, tree, null, 0);
        Pointer siginfo = Native.allocate(128);
        this.traps = new TrapEmulator(regs, tree, siginfo);
        this.signals = new SignalTranslator(tree, siginfo);
    }

    /** The calls some handler needs, plus those that end a process image (syscall harvesting). */
    private java.util.BitSet trappedSyscalls() {
        java.util.BitSet trapped = new java.util.BitSet();
        for (int nr = 0; nr < handlers.length; nr++) {
            if (handlers[nr] != null) {
                trapped.set(nr);
            }
        }
        trapped.set(SYS_EXECVE);
        trapped.set(SYS_EXECVEAT);
        trapped.set(SYS_EXIT);
        trapped.set(SYS_EXIT_GROUP);
        return trapped;
    }

    private void install(SyscallHandler handler) {
        for (int nr : handler.syscalls()) {
            handlers[nr] = handler;
        }
    }

    public GuestTree tree() {
        return tree;
    }

    /** Kills the whole guest tree; safe from any thread. The loop then reaps it and returns. */
    public void killGuests(RunOutcome.Termination why) {
        termination = why;
        killGuests();
    }

    private void killGuests() {
        killing = true;
        for (int tid : tree.liveTidsSnapshot()) {
            c.kill(tid, Signals.SIGKILL);
        }
    }

    /** Runs the guest to the end. Must be called on the thread that will be the tracer. */
    public RunOutcome run() {
        long start = System.nanoTime();
        int pid = new GuestLauncher().spawnStopped(tree.config().command(), tree.config().environment(),
                tree.config().redirects());
        scheduler.admit(tree.createRoot(pid));
        try {
            Ptrace.seize(pid, OPTIONS);
            c.kill(pid, Signals.SIGCONT);
            watchdog.start();
            loop();
        } catch (RuntimeException | Error e) {
            killGuests();
            drain();
            throw e;
        } finally {
            watchdog.stop();
            tree.closeResources();
        }
        long wall = System.nanoTime() - start;
        return outcome(wall);
    }

    private void loop() {
        while (true) {
            if (scheduler.running() == null) {
                dispatch();
            }
            int tid = waiter.waitAny();
            if (tid < 0) {
                return;
            }
            int status = waiter.status();
            if (WaitStatus.stopped(status)) {
                try {
                    onStop(tid, status);
                } catch (StopWaiter.GuestVanished gone) {
                    onGone(gone.tid, gone.status);
                } catch (NativeException e) {
                    // A tracee SIGKILLed while we handled its stop (by another guest, or by us on a
                    // timeout or interrupt) vanishes mid-request; waitpid reports its end next.
                    if (e.errno() != Errno.ESRCH) {
                        throw e;
                    }
                }
            } else {
                onGone(tid, status);
            }
        }
    }

    private void onStop(int tid, int status) {
        GuestThread thread = tree.thread(tid);
        if (TRACE) {
            System.err.printf("vbench-trace: tid %d sig %d event %d%s%n", tid, WaitStatus.stopSignal(status),
                    WaitStatus.event(status), thread == null ? " (unannounced)" : "");
        }
        if (thread == null) {
            unannounced.put(tid, Boolean.TRUE);
            return;
        }
        if (thread == scheduler.running()) {
            watchdog.stopped();
        }
        scheduler.stopped(thread);
        int sig = WaitStatus.stopSignal(status);
        if (sig == SYSCALL_STOP) {
            onSyscallExit(thread);
            return;
        }
        switch (WaitStatus.event(status)) {
            case Ptrace.EVENT_SECCOMP -> onSyscallEntry(thread);
            case Ptrace.EVENT_FORK, Ptrace.EVENT_VFORK, Ptrace.EVENT_CLONE -> onNewChild(thread);
            case Ptrace.EVENT_EXEC -> onExec(thread);
            case Ptrace.EVENT_STOP -> onEventStop(thread, sig);
            case 0 -> onSignal(thread, sig);
            default -> resume(thread, 0);
        }
    }

    private void onSyscallEntry(GuestThread thread) {
        int tid = thread.tid();
        regs.load(tid);
        int nr = (int) regs.syscallNumber();
        if (TRACE) {
            System.err.printf("vbench-trace: %s enters %s(%d, %d, %d)%n", thread, SyscallNames.name(nr), regs.arg(0),
                    regs.arg(1), regs.arg(2));
        }
        if (runtime.isGuestSyscall(thread, regs.rip())) {
            count(thread, nr);
        } else {
            tree.runtimeSyscalls++;
            tree.clock().onRuntimeSyscall(thread);
            if (nr == SYS_EXECVE || nr == SYS_EXECVEAT || nr == SYS_EXIT_GROUP
                    || (nr == SYS_EXIT && thread.process().threads().size() == 1)) {
                runtime.harvestSyscalls(thread, tree.syscallCounts);
            }
        }
        if (++syscallsSeen >= FAULT_AFTER_SYSCALLS) {
            throw new IllegalStateException("fault injected by vbench.fault.afterSyscalls at system call " + syscallsSeen);
        }
        SyscallHandler handler = nr >= 0 && nr < handlers.length ? handlers[nr] : null;
        if (handler != null) {
            stop.reset(thread, nr);
            Disposition d = handler.onEntry(stop);
            if (stop.regsChanged()) {
                regs.store(tid);
            }
            if (d == Disposition.AT_EXIT) {
                thread.pendingExit = handler;
            } else if (d == Disposition.EMULATED) {
                tree.emulatedSyscalls++;
            } else if (d == Disposition.BLOCK) {
                if (TRACE) {
                    System.err.printf("vbench-trace: %s parks in %s on %s%n", thread, SyscallNames.name(nr), thread.waitingOn);
                }
                thread.pendingExit = thread.exitHookOnRelease ? handler : null;
                scheduler.park(thread, thread.waitingOn);
                return;
            }
        }
        resume(thread, 0);
    }

    private void count(GuestThread thread, int nr) {
        tree.syscallCounts[nr >= 0 && nr < SyscallNames.TABLE_SIZE ? nr : SyscallNames.TABLE_SIZE - 1]++;
        tree.syscallSequenceHash = (tree.syscallSequenceHash ^ ((long) thread.vtid() << 20 | nr)) * 0x100000001B3L;
        thread.syscalls++;
        tree.clock().onSyscall(thread);
    }

    private void onSyscallExit(GuestThread thread) {
        SyscallHandler handler = thread.pendingExit;
        if (handler != null) {
            thread.pendingExit = null;
            int tid = thread.tid();
            regs.load(tid);
            stop.reset(thread, (int) regs.syscallNumber());
            handler.onExit(stop);
            if (stop.regsChanged()) {
                regs.store(tid);
            }
        }
        resume(thread, 0);
    }

    /** A fork, vfork or clone event in the parent: register the child in creation order. */
    private void onNewChild(GuestThread parent) {
        int childTid = (int) Ptrace.eventMessage(parent.tid(), eventMessage);
        regs.load(parent.tid());
        long nr = regs.syscallNumber();
        long flags = nr == SYS_CLONE ? regs.arg(0) : nr == SYS_CLONE3 ? memory.readLong(parent.tid(), regs.arg(0)) : 0;
        boolean thread = (flags & CLONE_THREAD) != 0;
        GuestThread child = tree.createChild(parent, childTid, thread);
        scheduler.admit(child);
        if ((flags & CLONE_CHILD_CLEARTID) != 0) {
            child.clearChildTid = nr == SYS_CLONE3 ? memory.readLong(parent.tid(), regs.arg(0) + 16) : regs.arg(3);
        }
        tree.clock().onNewThread(parent, child);
        if (killing) {
            c.kill(childTid, Signals.SIGKILL);
        }
        if (unannounced.remove(childTid) != null) {
            firstStop(child);
        }
        if (nr == SYS_VFORK || (flags & CLONE_VFORK) != 0) {
            // The kernel holds a vfork parent until the child execs or exits: run the child first.
            scheduler.park(parent, new Wait.VforkChild(childTid));
        } else {
            resume(parent, 0);
        }
    }

    /** A vfork child exec'd or exited: its parent may continue. Returns whether one was waiting. */
    private boolean releaseVforkParent(int childTid) {
        List<GuestThread> parents = parking.parkedOn(w -> w instanceof Wait.VforkChild v && v.childTid() == childTid);
        for (GuestThread t : parents) {
            parking.release(t);
        }
        return !parents.isEmpty();
    }

    private void firstStop(GuestThread thread) {
        thread.firstStopSeen = true;
        tree.awaitingFirstStop--;
        resume(thread, 0);
    }

    private void onExec(GuestThread thread) {
        int formerTid = (int) Ptrace.eventMessage(thread.tid(), eventMessage);
        if (formerTid != thread.tid()) {
            // A non-leader thread exec'd and took the leader's tid; the old leader is gone silently.
            GuestThread execer = tree.thread(formerTid);
            tree.unregister(thread);
            if (execer != null) {
                tree.retid(execer, thread.tid());
                thread = execer;
            }
        }
        GuestProcess process = thread.process();
        process.descriptorState.clear();
        execSetup.apply(thread);
        tree.clock().onExec(thread);
        if (releaseVforkParent(thread.tid())) {
            // A shell runs on to its wait4 first: the program it started may then run alone,
            // where nothing could preempt it except the watchdog.
            scheduler.yielded(thread);
        }
        resume(thread, 0);
    }

    private void onEventStop(GuestThread thread, int sig) {
        boolean groupStop = sig == Signals.SIGSTOP || sig == Signals.SIGTSTP || sig == Signals.SIGTTIN
                || sig == Signals.SIGTTOU;
        if (!thread.firstStopSeen) {
            firstStop(thread); // a new tracee's first stop, or the seized launcher's
            return;
        }
        if (!groupStop) {
            resume(thread, 0); // a re-trap after SIGCONT
            return;
        }
        // A group-stop (SIGSTOP and friends): stay stopped until SIGCONT, as without a tracer.
        if (c.ptrace(Ptrace.LISTEN, thread.tid(), 0, 0) < 0) {
            resume(thread, 0);
        }
    }

    private void onSignal(GuestThread thread, int sig) {
        if (sig == Signals.SIGSEGV && traps.tryEmulate(thread)) {
            resume(thread, 0);
            return;
        }
        if (sig == Signals.SIGSTOP && watchdog.claim(thread.tid())) {
            // Our own preemption of a thread that would not stop: the signal is not delivered.
            tree.nondeterminism("a guest thread ran " + Watchdog.LIMIT_MILLIS + " ms of CPU time (or stayed "
                    + Watchdog.BLOCKED_LIMIT_MILLIS + " ms in a call vbench does not model) without stopping while "
                    + "others waited; a watchdog preempted it (spin-waits need --counter valgrind for "
                    + "deterministic preemption)");
            tree.watchdogPreemptions++;
            tree.clock().onSleep(thread, dev.vbench.core.sched.Scheduler.SLICE_NANOS); // let sleepers' time come
            scheduler.yielded(thread);
            resume(thread, 0);
            return;
        }
        signals.translate(thread, sig);
        resume(thread, sig);
    }

    /** The thread may continue (delivering {@code sig}) when the scheduler next chooses it. */
    private void resume(GuestThread thread, int sig) {
        thread.resumeSignal = sig;
        scheduler.makeReady(thread);
    }

    /**
     * Lets the scheduler choose the one thread that runs next, and resumes it. When none is ready,
     * time jumps to the next deadline (sleeps, timeouts, timers) or, if nothing can ever wake a
     * parked thread, the run ends in a deadlock report.
     */
    private void dispatch() {
        if (tree.awaitingFirstStop > 0) {
            // A new thread's first stop arrives when the kernel gets to it; choosing before it is
            // in would make the choice depend on timing.
            return;
        }
        while (true) {
            waits.wakeReady();
            GuestThread next = scheduler.pickNext();
            if (next != null && !waits.stillReady(next)) {
                scheduler.stopped(next);
                continue;
            }
            if (next != null) {
                if (TRACE) {
                    System.err.printf("vbench-trace: runs %s%n", next);
                }
                int sig = next.resumeSignal != 0 ? next.resumeSignal : next.deferredSignal;
                next.resumeSignal = 0;
                next.deferredSignal = 0;
                // Preempting a thread nobody else could replace would only cost a stop (and, by the
                // watchdog, the run's determinism): a shell waiting for its compute-bound child.
                boolean othersCouldRun = waits.othersCouldRun();
                runtime.beforeResume(next, othersCouldRun);
                Ptrace.resume(next.pendingExit != null ? Ptrace.SYSCALL : Ptrace.CONT, next.tid(), sig);
                watchdog.running(next.tid(), othersCouldRun);
                return;
            }
            if (scheduler.parked().isEmpty() || killing || rootGone) {
                return; // the next event can only come from waitpid
            }
            long deadline = waits.earliestDeadline();
            long now = tree.clock().elapsedNanos();
            if (deadline != Wait.NEVER) {
                tree.clock().onSleep(null, Math.max(0, deadline - now)); // every thread waits: time jumps
                continue;
            }
            if (waits.anyDescriptorWait()) {
                pauseForInputFromOutside();
                continue;
            }
            throw new GuestDeadlock("every guest thread waits for something no guest thread can do:\n" + waits.report());
        }
    }

    /** Descriptors can be fed from outside the tree (a terminal, a pipe from the caller): wait a little. */
    private static void pauseForInputFromOutside() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onGone(int tid, int status) {
        GuestThread thread = tree.thread(tid);
        if (thread == null) {
            unannounced.remove(tid);
            return;
        }
        if (!thread.firstStopSeen) {
            tree.awaitingFirstStop--;
        }
        scheduler.forget(thread);
        tree.unregister(thread);
        releaseVforkParent(tid);
        wakeJoiners(thread);
        GuestProcess process = thread.process();
        if (process.threads().isEmpty()) {
            processExited(process);
        }
        if (thread == tree.root()) {
            rootStatus = status;
            rootGone = true;
            // Nothing of the guest may outlive it: what it left running is killed, as a
            // container's processes are when its init exits.
            for (GuestThread left : tree.liveThreads()) {
                if (left.process().threads().get(0) == left) {
                    leftoversKilled++;
                }
                c.kill(left.tid(), Signals.SIGKILL);
            }
            if (leftoversKilled > 0) {
                tree.note(leftoversKilled + " guest process(es) still running when the root guest exited were killed");
            }
        }
    }

    /** The kernel cleared the exiting thread's tid word and woke its futex: pthread_join's wait. */
    private void wakeJoiners(GuestThread thread) {
        if (thread.clearChildTid == 0) {
            return;
        }
        long key = Wait.Futex.keyOf(thread.process().vpid(), thread.clearChildTid);
        for (GuestThread t : parking.parkedOn(w -> w instanceof Wait.Futex f && f.key() == key && !f.pi())) {
            parking.complete(t, 0);
        }
    }

    /** A whole process is gone: its parent now has a child to wait for, and SIGCHLD. */
    private void processExited(GuestProcess process) {
        waits.probe().forget(process);
        GuestProcess parent = process.parent();
        if (parent == null) {
            return;
        }
        parent.liveChildren--;
        parent.exitedChildren.add(process.pid());
        parent.signalSent(Signals.SIGCHLD);
    }

    /** After a failure: reap what is left, bounded, so no tracee is left behind stopped. */
    private void drain() {
        for (int i = 0; i < 100_000 && waiter.waitAny() >= 0; i++) {
            // each reaped stop of a SIGKILLed tracee is its exit; nothing to do
        }
    }

    private RunOutcome outcome(long wallNanos) {
        Map<String, Long> byName = new TreeMap<>();
        long total = 0;
        for (int nr = 0; nr < tree.syscallCounts.length; nr++) {
            long n = tree.syscallCounts[nr];
            if (n > 0) {
                byName.put(SyscallNames.name(nr), n);
                total += n;
            }
        }
        return new RunOutcome(rootStatus, byName, total, tree.emulatedSyscalls, tree.syscallSequenceHash, tree.processesCreated,
                tree.threadsCreated, tree.clock().elapsedNanos(), wallNanos, Boolean.TRUE.equals(tree.cpuidFaulting),
                Boolean.TRUE.equals(tree.rdtscTrapping),
                tree.runtimeSyscalls,
                tree.trapsTotal, termination,
                new RunOutcome.SchedulerCounts(scheduler.turns(), scheduler.contextSwitches(), scheduler.preemptions(),
                        tree.watchdogPreemptions),
                tree.nondeterminism,
                List.copyOf(tree.notes));
    }
}
