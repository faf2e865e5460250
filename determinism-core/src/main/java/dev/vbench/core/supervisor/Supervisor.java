package dev.vbench.core.supervisor;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.GuestClock;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestRuntime;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.handlers.HandlerTable;
import dev.vbench.core.handlers.InputLog;
import dev.vbench.core.handlers.IntervalTimers;
import dev.vbench.core.handlers.StandardHandlers;
import dev.vbench.core.handlers.SyscallHandler;
import dev.vbench.core.nativ.AnswerBlock;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.nativ.NativeException;
import dev.vbench.core.nativ.Ptrace;
import dev.vbench.core.nativ.Registers;
import dev.vbench.core.nativ.RemoteMemory;
import dev.vbench.core.nativ.Signals;
import dev.vbench.core.nativ.Tracer;
import dev.vbench.core.nativ.WaitStatus;
import dev.vbench.core.run.Inputs;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.run.RunOutcome;
import dev.vbench.core.sched.Scheduler;
import dev.vbench.core.spawn.GuestLauncher;
import dev.vbench.core.syscalls.Syscall;
import dev.vbench.core.syscalls.SyscallNames;
import dev.vbench.core.util.IntMap;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import jnr.ffi.Pointer;

/**
 * The ptrace event loop: waitpid(-1, __WALL) -> event -> handler -> resume, for the whole guest
 * tree, on one platform thread (every ptrace request must come from the attaching thread).
 *
 * <p>The loop allocates nothing per stop on its common paths: registers, memory buffers and the
 * handler table are built once per run.
 */
public final class Supervisor {
    private static final long OPTIONS = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEFORK | Ptrace.O_TRACEVFORK
            | Ptrace.O_TRACECLONE | Ptrace.O_TRACEEXEC | Ptrace.O_TRACESECCOMP | Ptrace.O_EXITKILL;
    private static final int SYSCALL_STOP = Signals.SIGTRAP | 0x80;
    /** waitpid's status for a seccomp stop: what each call the tracer answered was. */
    private static final int QUICK_CALL_STOP = 0x7f | Signals.SIGTRAP << 8 | Ptrace.EVENT_SECCOMP << 16;
    /** -Dvbench.trace=true prints every stop to stderr: for developing the supervisor, not for users. */
    private static final boolean TRACE = Boolean.getBoolean("vbench.trace");
    /**
     * -Dvbench.fault.afterSyscalls=N makes the supervisor fail on purpose at the Nth system call,
     * so tests can show that an internal failure leaves no guest process behind.
     */
    private static final long FAULT_AFTER_SYSCALLS = Long.getLong("vbench.fault.afterSyscalls", Long.MAX_VALUE);
    private static final long CLONE_THREAD = 0x00010000, CLONE_VFORK = 0x00004000, CLONE_CHILD_CLEARTID = 0x00200000,
            CLONE_PARENT_SETTID = 0x00100000, CLONE_CHILD_SETTID = 0x01000000;
    /** struct clone_args: flags at 0, child_tid at 16, parent_tid at 24. */
    private static final int CLONE3_CHILD_TID = 16, CLONE3_PARENT_TID = 24;

    private final LibC c = Native.libc();
    private final GuestTree tree;
    private final RunStats stats = new RunStats();
    private final HandlerTable handlers;
    private final List<SyscallHandler> handlerList;
    private final Registers regs = new Registers();
    private final RemoteMemory memory = new RemoteMemory();
    private final PtraceGuest guest;
    private final StopWaiter waiter = new StopWaiter();
    private final Pointer eventMessage = Native.allocate(8);
    private final Injector injector;
    private final ExecSetup execSetup;
    private final CpuTraps cpuTraps;
    private final TrapEmulator traps;
    private final SignalTranslator signals;
    private final DescriptorProbe probe = new DescriptorProbe();
    private final TimerSignals timerSignals = new TimerSignals();
    private final DescriptorChanges descriptorChanges = new DescriptorChanges(System::nanoTime);
    /** The seccomp filter stops on every call (no runtime runs calls of its own unseen). */
    private final boolean everyCallStops;
    /** Tids whose first stop came before their parent's clone event: they wait, still stopped. */
    private final IntMap<Integer> unannounced = new IntMap<>();
    /** Threads registered whose first stop has not arrived yet. */
    private int awaitingFirstStop;
    /** Threads that called exit or exit_group whose end waitpid has not reported yet. */
    private int endsToCome;
    private volatile boolean killing;
    private volatile RunOutcome.Termination termination = RunOutcome.Termination.GUEST_EXITED;
    private List<String> deadlock = List.of();
    private int rootStatus;
    /** The root guest exited: what is left is being killed, and nothing is scheduled any more. */
    private boolean rootGone;
    private final Watchdog watchdog;
    private long syscallsSeen;
    private final QuickCalls quick;
    /** {@link WaitChecker#callsAlone}, made once: it is passed at every resume. */
    private final LongUnaryOperator callsAlone;
    /** Whether the run's tracer can answer quick calls (its library is loaded). */
    private boolean tracerAnswers;
    /** The thread whose next wait may answer quick calls, and with which answers; null if none. */
    private GuestThread answering;
    private AnswerBlock answers;
    /** The thread whose quick calls are being taken ({@link #takeQuickAnswers}); null otherwise. */
    private GuestThread replaying;

    private final GuestRuntime runtime;
    private final Scheduler scheduler;
    private final Parking parking;
    private final WaitChecker waits;

    public Supervisor(RunConfig config, GuestClock clock, GuestRuntime runtime) {
        this(config, clock, runtime, List.of());
    }

    /**
     * @param extraHandlers handlers from outside the determinizer; each sees its calls before the
     *                      standard handler of the same call, which gets what it passes
     */
    public Supervisor(RunConfig config, GuestClock clock, GuestRuntime runtime, List<SyscallHandler> extraHandlers) {
        this.tree = new GuestTree(config, clock);
        this.runtime = runtime;
        this.watchdog = new Watchdog(!runtime.preemptsAtTimeSlices());
        this.scheduler = Scheduler.forSeed(config.schedSeed(), config.chaos(), clock::threadNanos);
        this.parking = new Parking(scheduler, memory);
        this.waits = new WaitChecker(tree, scheduler, parking, new ProcHost(), descriptorChanges);
        this.callsAlone = waits::callsAlone;
        this.everyCallStops = !runtime.countsGuestSyscalls();
        this.guest = new PtraceGuest(regs, new PtraceMemory(memory), scheduler, parking, probe);
        this.injector = new Injector(regs, waiter);
        List<SyscallHandler> standard = StandardHandlers.create(tree, new ProcHostFiles(), new KernelProcesses(),
                stats);
        List<SyscallHandler> all = new java.util.ArrayList<>(standard);
        all.addAll(extraHandlers);
        this.handlerList = List.copyOf(all);
        try {
            this.handlers = new HandlerTable(standard, extraHandlers);
            this.cpuTraps = new CpuTraps(injector, stats, runtime);
            this.execSetup = runtime.countsGuestSyscalls()
                    ? new ExecSetup(regs, memory, injector, cpuTraps, stats, trappedSyscalls(handlers),
                            runtime.privateSyscallSite())
                    : new ExecSetup(regs, memory, injector, cpuTraps, stats, null, 0);
            this.quick = QuickCalls.of(standard, extraHandlers, !runtime.takesPartInStops() && !TRACE,
                    clock.callChargeNanos());
            Pointer siginfo = Native.allocate(128);
            this.traps = new TrapEmulator(regs, tree, stats, siginfo);
            this.signals = new SignalTranslator(tree, siginfo);
        } catch (RuntimeException | Error e) {
            endRun(); // no run: what the handlers began (the workspace scan) stops here
            throw e;
        }
    }

    /**
     * What the seccomp filter stops on when a runtime counts the guest's calls itself: the calls
     * some handler needs, plus those that end a process image (syscall harvesting).
     */
    static BitSet trappedSyscalls(HandlerTable handlers) {
        BitSet trapped = new BitSet();
        for (int nr = 0; nr < Syscall.TABLE_SIZE; nr++) {
            if (handlers.handles(nr)) {
                trapped.set(nr);
            }
        }
        for (Syscall s : List.of(Syscall.EXECVE, Syscall.EXECVEAT, Syscall.EXIT, Syscall.EXIT_GROUP)) {
            trapped.set(s.nr());
        }
        return trapped;
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
        try {
            return runGuest();
        } finally {
            endRun();
        }
    }

    /** Tells every handler the run is over. */
    private void endRun() {
        for (SyscallHandler h : handlerList) {
            h.onRunEnd();
        }
    }

    private RunOutcome runGuest() {
        long start = System.nanoTime();
        try (RunTracer tracer = RunTracer.begin(runtime)) {
            int pid = new GuestLauncher().spawnStopped(tree.config().command(), tree.config().environment(),
                    tree.config().redirects(), tree.config().workingDirectory());
            tracer.guestSpawned();
            tracerAnswers = Tracer.current().answersCalls();
            GuestThread root = tree.createRoot(pid);
            admit(root);
            stats.processesCreated++;
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
            }
        }
        long wall = System.nanoTime() - start;
        RunOutcome outcome = outcome(wall);
        quick.reportEnd(outcome.syscalls());
        return outcome;
    }

    private void admit(GuestThread thread) {
        scheduler.admit(thread);
        stats.threadsCreated++;
        awaitingFirstStop++;
    }

    private void loop() {
        while (true) {
            if (killing && !unannounced.isEmpty()) {
                // children whose parent died before its clone event came: nobody else knows them
                unannounced.values().forEach(tid -> c.kill(tid, Signals.SIGKILL));
                unannounced.clear();
            }
            if (scheduler.running() == null) {
                dispatch();
            }
            int tid = waitNext();
            if (answering != null) {
                GuestThread ran = answering;
                answering = null;
                takeQuickAnswers(ran, answers);
            }
            if (tid < 0) {
                return;
            }
            quick.eventBegins();
            int status = waiter.status();
            GuestThread thread = tree.thread(tid); // null for a tid not in the tree: its clone event is still to come
            noteDescriptorChanges(thread, status);
            if (WaitStatus.stopped(status)) {
                try {
                    onStop(tid, thread, status);
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
            quick.eventEnds();
        }
    }

    /**
     * Takes the calls the tracer answered by itself while the supervisor waited for {@code thread}
     * ({@link QuickCalls}), one by one, as {@link #onStop} and {@link #dispatch} take a stop: counted,
     * charged, answered, and the thread chosen again. Nothing else could run meanwhile, so the
     * scheduler chooses it again each time; if it did not, this would be a bug, and the run fails.
     */
    private void takeQuickAnswers(GuestThread thread, AnswerBlock taken) {
        int n = taken.answered();
        quick.tookAnswers(thread, n);
        replaying = thread;
        try {
            for (int i = 0; i < n && !killing; i++) {
                int nr = taken.answeredCall(i);
                noteDescriptorChanges(thread, QUICK_CALL_STOP);
                markStopped(thread);
                callEntered(thread, nr, 0); // rip: only a runtime reads it, and quick calls run without one
                emulated(thread, nr);
                resume(thread, 0);
                dispatch();
                if (scheduler.running() != thread) {
                    throw new IllegalStateException("the scheduler did not choose " + thread
                            + " again between two calls the tracer answered");
                }
            }
        } finally {
            replaying = null;
        }
    }

    /**
     * Whether only the running thread can report an event next: no new thread's first stop, no end
     * of an exiting thread, no kill under way.
     */
    private boolean onlyRunningCanReport() {
        return awaitingFirstStop == 0 && endsToCome == 0 && unannounced.isEmpty() && !killing;
    }

    /**
     * The next tracee to report, or -1 when none is left. Only the running thread can stop while
     * nothing else is due (no new thread's first stop, no end of an exiting thread, no kill under
     * way), so then only it is waited for; an event of another tracee meanwhile (one killed from
     * outside) is taken at the next wait for any. A running thread that is gone (a non-leader's
     * exec takes the leader's tid) is no tracee for waitpid: then any is waited for.
     */
    private int waitNext() {
        GuestThread running = scheduler.running();
        if (running != null && onlyRunningCanReport()) {
            int tid = running == answering ? waiter.waitOneAnswering(running.tid(), answers) : waiter.waitOne(running.tid());
            if (tid >= 0) {
                return tid;
            }
        }
        return waiter.waitAny();
    }

    /**
     * Any event may follow a system call the kernel ran for the guest, after which descriptors'
     * readiness may differ; all but one: the next call of a thread that ran only its own code since
     * a quiet answer, when every call stops (under Valgrind calls run unseen between stops).
     */
    private void noteDescriptorChanges(GuestThread thread, int status) {
        TraceeState state = thread == null ? null : TraceeState.of(thread);
        boolean ownCodeOnly = state != null && state.ranOwnCodeOnly && everyCallStops && WaitStatus.stopped(status)
                && WaitStatus.event(status) == Ptrace.EVENT_SECCOMP;
        if (state != null) {
            state.ranOwnCodeOnly = false;
        }
        if (!ownCodeOnly) {
            descriptorChanges.mayHaveChanged();
        }
    }

    /** A stop of {@code tid}, whose thread is {@code thread} (null if it is not announced yet). */
    private void onStop(int tid, GuestThread thread, int status) {
        if (killing) {
            // The tree is being killed. A thread that stops now was missed (a child forked after
            // the kill began, its parent killed before its clone event was reported): kill it
            // too, or it would wait stopped for ever and waitpid with it.
            c.kill(tid, Signals.SIGKILL);
            return;
        }
        if (TRACE) {
            System.err.printf("vbench-trace: tid %d sig %d event %d%s%n", tid, WaitStatus.stopSignal(status),
                    WaitStatus.event(status), thread == null ? " (unannounced)" : "");
        }
        if (thread == null) {
            unannounced.put(tid, tid);
            return;
        }
        markStopped(thread);
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

    /** The thread is at a stop: no longer the running one, and no longer watched for running too long. */
    private void markStopped(GuestThread thread) {
        if (thread == scheduler.running()) {
            watchdog.stopped();
        }
        scheduler.stopped(thread);
    }

    private void onSyscallEntry(GuestThread thread) {
        if (cpuTraps.releaseDue(thread)) {
            cpuTraps.release(thread); // the thread enters this call again, and stops here again
            resume(thread, 0);
            return;
        }
        int tid = thread.tid();
        regs.load(tid);
        int nr = (int) regs.syscallNumber();
        if (TRACE) {
            System.err.printf("vbench-trace: %s enters %s%n", thread, describeCall(thread, nr));
        }
        callEntered(thread, nr, regs.rip());
        if (nr == Syscall.EXIT.nr()) {
            // A leader whose other threads live on becomes a zombie: its end is reported only with theirs.
            boolean reportedSoon = thread.process().threads().size() == 1 || thread.vtid() != thread.process().vpid();
            leave(thread, reportedSoon);
            depart(thread);
            return;
        }
        if (nr == Syscall.EXIT_GROUP.nr()) {
            for (GuestThread t : List.copyOf(thread.process().threads())) {
                leave(t, true); // every thread of the process ends now, each reported as it goes
            }
            depart(thread);
            return;
        }
        SyscallHandler handler = handlers.handlerOf(nr);
        if (handler == null) {
            resume(thread, 0);
            return;
        }
        Disposition d = guest.enter(thread, nr, handler);
        if (guest.regsChanged()) {
            regs.store(tid);
        }
        TraceeState state = TraceeState.of(thread);
        switch (d) {
            case AT_EXIT -> state.pendingExit = handler;
            case EMULATED -> {
                emulated(thread, nr);
                quick.answered(thread, nr, regs.rax());
            }
            case BLOCK -> {
                if (TRACE) {
                    System.err.printf("vbench-trace: %s parks in %s on %s%n", thread, SyscallNames.name(nr),
                            guest.blockedOn());
                }
                state.pendingExit = guest.exitHook() ? handler : null;
                scheduler.park(thread, guest.blockedOn());
                return;
            }
            case PASS -> { }
        }
        resume(thread, 0);
    }

    /**
     * The thread entered call {@code nr} from {@code rip}: counted as the guest's or its runtime's,
     * charged, and checked for spinning.
     */
    private void callEntered(GuestThread thread, int nr, long rip) {
        if (runtime.isGuestSyscall(thread, rip)) {
            stats.countSyscall(thread.vtid(), nr);
            tree.clock().onSyscall(thread);
        } else {
            stats.runtimeSyscalls++;
            tree.clock().onRuntimeSyscall(thread);
            if (endsProcessImage(thread, nr)) {
                runtime.imageEnds(thread, stats.syscallCounts, stats::problem);
            }
        }
        if (runtime.spinning(thread)) {
            scheduler.spun(thread); // it waits for another thread: let that one run at the next hand-off
        }
        if (++syscallsSeen >= FAULT_AFTER_SYSCALLS) {
            throw new IllegalStateException("fault injected by vbench.fault.afterSyscalls at system call " + syscallsSeen);
        }
        TraceeState.of(thread).lastSyscall = nr;
    }

    /** The supervisor answered the thread's call {@code nr} itself; the kernel never sees it. */
    private void emulated(GuestThread thread, int nr) {
        stats.emulatedSyscalls++;
        TraceeState.of(thread).callAnswered = DescriptorChanges.quietAnswer(nr);
    }

    /** A call as a trace line shows it: paths as strings, other arguments as numbers, by the table's layout. */
    private String describeCall(GuestThread thread, int nr) {
        Syscall s = Syscall.of(nr);
        StringBuilder b = new StringBuilder(SyscallNames.name(nr)).append('(');
        int arity = s == null ? 3 : s.arity();
        for (int i = 0; i < arity; i++) {
            b.append(i == 0 ? "" : ", ");
            if (s != null && s.arg(i) == dev.vbench.core.syscalls.Arg.PATH) {
                b.append('"').append(memory.readPath(thread.tid(), regs.arg(i))).append('"');
            } else {
                b.append(regs.arg(i));
            }
        }
        return b.append(')').toString();
    }

    private static boolean endsProcessImage(GuestThread thread, int nr) {
        return nr == Syscall.EXECVE.nr() || nr == Syscall.EXECVEAT.nr() || nr == Syscall.EXIT_GROUP.nr()
                || (nr == Syscall.EXIT.nr() && thread.process().threads().size() == 1);
    }

    private void onSyscallExit(GuestThread thread) {
        TraceeState state = TraceeState.of(thread);
        SyscallHandler handler = state.pendingExit;
        if (handler != null) {
            state.pendingExit = null;
            int tid = thread.tid();
            regs.load(tid);
            guest.exit(thread, regs.syscallNumber(), handler);
            if (guest.regsChanged()) {
                regs.store(tid);
            }
        }
        resume(thread, 0);
    }

    /**
     * The thread calls exit(2) (or exit_group): it runs no more guest code, so it leaves the
     * scheduler now and runs on its own to its end. Waiting for its death would wait forever for a thread group's leader,
     * whose exit the kernel reports only when the whole group is gone. What the kernel does at the
     * exit for pthread_join (clear the tid word, wake its futex) is done here, where the joiners
     * wait in the futex model.
     */
    private void depart(GuestThread thread) {
        if (thread.clearChildTid() != 0) {
            memory.tryWriteInt(thread.tid(), thread.clearChildTid(), 0);
            wakeJoiners(thread);
        }
        if (thread == scheduler.running()) {
            watchdog.stopped();
        }
        Ptrace.resume(Ptrace.CONT, thread.tid(), 0);
    }

    /**
     * The thread is ending: it waits for nothing any more and is never chosen to run. Until waitpid
     * reports the end of a thread whose end comes {@code reportedSoon}, no other thread is chosen:
     * its end may be what a waiting thread waits for (a child's exit, a join), and it may signal
     * (SIGCHLD) when it is reaped.
     */
    private void leave(GuestThread thread, boolean reportedSoon) {
        TraceeState state = TraceeState.of(thread);
        if (!state.leaving && reportedSoon) {
            state.leaving = true;
            endsToCome++;
        }
        scheduler.forget(thread);
        waits.forget(thread);
    }

    /** A fork, vfork or clone event in the parent: register the child in creation order. */
    private void onNewChild(GuestThread parent) {
        int childTid = (int) Ptrace.eventMessage(parent.tid(), eventMessage);
        regs.load(parent.tid());
        long nr = regs.syscallNumber();
        boolean clone3 = nr == Syscall.CLONE3.nr();
        long flags = nr == Syscall.CLONE.nr() ? regs.arg(0) : clone3 ? memory.readLong(parent.tid(), regs.arg(0)) : 0;
        boolean sameProcess = (flags & CLONE_THREAD) != 0;
        GuestThread child = tree.createChild(parent, childTid, sameProcess);
        admit(child);
        cpuTraps.onNewThread(parent, child);
        if (!sameProcess) {
            stats.processesCreated++;
            execSetup.onFork(parent.process(), child.process());
        }
        long childTidAddress = clone3 ? memory.readLong(parent.tid(), regs.arg(0) + CLONE3_CHILD_TID) : regs.arg(3);
        if ((flags & CLONE_CHILD_CLEARTID) != 0) {
            child.setClearChildTid(childTidAddress);
        }
        // The kernel wrote the child's real tid where glibc keeps it (pthread's tid, the forked
        // child's cached tid); pthread_kill, raise and PI mutexes read it back: make it the virtual one.
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            long parentTidAddress = clone3 ? memory.readLong(parent.tid(), regs.arg(0) + CLONE3_PARENT_TID) : regs.arg(2);
            writeTid(parent, parentTidAddress, child.vtid());
        }
        if ((flags & CLONE_CHILD_SETTID) != 0) {
            // written by the child itself before its first stop: corrected at that stop
            TraceeState.of(child).childTidAddress = childTidAddress;
        }
        tree.clock().onNewThread(parent, child);
        if (killing) {
            c.kill(childTid, Signals.SIGKILL);
        }
        if (nr == Syscall.VFORK.nr() || (flags & CLONE_VFORK) != 0) {
            // The kernel holds a vfork parent until the child execs or exits: run the child first.
            scheduler.park(parent, new Wait.VforkChild(childTid));
        } else {
            resume(parent, 0);
        }
        // The child's first stop may have come before this event: it joins the ready threads only
        // now, after its parent, as when it comes later. The order in which the kernel reported the
        // two stops would otherwise decide which of them runs first when the slice is over.
        if (unannounced.remove(childTid) != null) {
            firstStop(child);
        }
    }

    /** Overwrites a tid the kernel stored in guest memory with the virtual one; an address the kernel could not write is left. */
    private void writeTid(GuestThread in, long address, int vtid) {
        if (memory.tryWriteInt(in.tid(), address, vtid) != 4 && TRACE) {
            System.err.printf("vbench-trace: %s: no tid at 0x%x%n", in, address);
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
        TraceeState state = TraceeState.of(thread);
        state.firstStopSeen = true;
        if (state.childTidAddress != 0) {
            writeTid(thread, state.childTidAddress, thread.vtid());
            state.childTidAddress = 0;
        }
        awaitingFirstStop--;
        resume(thread, 0);
    }

    private void onExec(GuestThread thread) {
        int formerTid = (int) Ptrace.eventMessage(thread.tid(), eventMessage);
        if (formerTid != thread.tid()) {
            // A non-leader thread exec'd and took the leader's tid; the old leader is gone silently.
            // The stop came under the leader's tid, so the exec'ing thread, the one running, is
            // marked stopped here: else the scheduler would wait for it to stop for ever.
            GuestThread execer = tree.thread(formerTid);
            forget(thread);
            if (execer != null) {
                markStopped(execer);
                tree.retid(execer, thread.tid());
                thread = execer;
            }
        }
        GuestProcess process = thread.process();
        for (SyscallHandler h : handlerList) {
            h.onExec(process);
        }
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
        if (!TraceeState.of(thread).firstStopSeen) {
            firstStop(thread); // a new tracee's first stop, or the seized launcher's
            return;
        }
        if (!groupStop) {
            resume(thread, 0); // a re-trap after SIGCONT
            return;
        }
        // A group-stop (SIGSTOP and friends): stay stopped until SIGCONT, as without a tracer.
        if (Tracer.current().ptrace(Ptrace.LISTEN, thread.tid(), 0, 0) < 0) {
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
            stats.nondeterministic(watchdog.lastWasSpinning()
                    ? "thread " + thread.vtid() + " ran " + Watchdog.LIMIT_MILLIS + " ms of CPU time without a system"
                            + " call while others waited, and a wall-clock watchdog preempted it"
                    : "thread " + thread.vtid() + " stayed " + Watchdog.BLOCKED_LIMIT_MILLIS + " ms (wall time) in "
                            + SyscallNames.name(TraceeState.of(thread).lastSyscall) + ", which vbench lets the kernel"
                            + " run, while others waited, and a wall-clock watchdog preempted it");
            stats.watchdogPreemptions++;
            if (watchdog.lastWasSpinning()) {
                stats.spinPreemptions++;
            }
            tree.clock().onSleep(thread, Scheduler.SLICE_NANOS); // let sleepers' time come
            scheduler.yielded(thread);
            resume(thread, 0);
            return;
        }
        signals.translate(thread, sig);
        resume(thread, sig);
    }

    /** The thread may continue (delivering {@code sig}) when the scheduler next chooses it. */
    private void resume(GuestThread thread, int sig) {
        TraceeState.of(thread).resumeSignal = sig;
        scheduler.makeReady(thread);
    }

    /**
     * Lets the scheduler choose the one thread that runs next, and resumes it. When none is ready,
     * time jumps to the next deadline (sleeps, timeouts, timers) or, if nothing can ever wake a
     * parked thread, the run ends as a deadlock.
     */
    private void dispatch() {
        if (awaitingFirstStop > 0 || endsToCome > 0) {
            // A new thread's first stop, or the end of a thread that called exit, arrives when the
            // kernel gets to it; choosing before it is in would make the choice depend on timing
            // (a parent resumed before its child is reaped would take SIGCHLD at any point).
            return;
        }
        while (true) {
            waits.wakeReady();
            GuestThread next = scheduler.pickNext();
            if (next != null && !waits.stillReady(next)) {
                scheduler.couldNotRun(next);
                continue;
            }
            if (next != null) {
                run(next);
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
            if (waits.anyOutsideWait()) {
                pauseForInputFromOutside();
                descriptorChanges.mayHaveChanged();
                continue;
            }
            deadlock = waits.report();
            killGuests(RunOutcome.Termination.DEADLOCK);
            return;
        }
    }

    private void run(GuestThread next) {
        TraceeState state = TraceeState.of(next);
        if (TRACE) {
            System.err.printf("vbench-trace: runs %s%s%n", next, state.pendingExit != null ? " to its call's exit" : "");
        }
        int sig = state.resumeSignal != 0 ? state.resumeSignal : state.deferredSignal;
        state.resumeSignal = 0;
        state.deferredSignal = 0;
        state.ranOwnCodeOnly = state.callAnswered && sig == 0;
        state.callAnswered = false;
        // Preempting a thread nobody else could replace would only cost a stop (and, by the
        // watchdog, the run's determinism): a shell waiting for its compute-bound child.
        boolean othersCouldRun = waits.othersCouldRun();
        runtime.beforeResume(next, othersCouldRun);
        if (replaying == null) {
            Ptrace.resume(state.pendingExit != null ? Ptrace.SYSCALL : Ptrace.CONT, next.tid(), sig);
            armQuickCalls(next, state);
        } else if (next != replaying) {
            throw new IllegalStateException("the scheduler chose " + next + " between two calls the tracer answered for "
                    + replaying);
        }
        watchdog.running(next.tid(), othersCouldRun, answering == next ? answers : null);
    }

    /** Lets the tracer answer {@code next}'s quick calls until its next other event, while it runs alone. */
    private void armQuickCalls(GuestThread next, TraceeState state) {
        if (tracerAnswers && state.pendingExit == null && onlyRunningCanReport()) {
            answers = quick.arm(next, callsAlone);
            answering = answers == null ? null : next;
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
        TraceeState state = TraceeState.of(thread);
        if (!state.firstStopSeen) {
            awaitingFirstStop--;
        }
        if (state.leaving) {
            endsToCome--;
        }
        forget(thread);
        releaseVforkParent(tid);
        wakeJoiners(thread);
        GuestProcess process = thread.process();
        if (process.threads().isEmpty()) {
            processExited(process);
        }
        if (thread == tree.root()) {
            rootStatus = status;
            rootGone = true;
            killLeftovers();
        }
    }

    /** The thread is gone: the scheduler, the clock and the process table let go of it. */
    private void forget(GuestThread thread) {
        scheduler.forget(thread);
        waits.forget(thread);
        tree.clock().onThreadExit(thread);
        tree.unregister(thread);
    }

    /**
     * Nothing of the guest may outlive the root guest: what it left running is killed, as a
     * container's processes are when its init exits.
     */
    private void killLeftovers() {
        int processes = 0;
        for (GuestThread left : tree.liveThreads()) {
            if (left.process().threads().get(0) == left) {
                processes++;
            }
            c.kill(left.tid(), Signals.SIGKILL);
        }
        if (processes > 0) {
            stats.note(processes + " guest process(es) still running when the root guest exited were killed");
        }
    }

    /** The kernel cleared the exiting thread's tid word and woke its futex: pthread_join's wait. */
    private void wakeJoiners(GuestThread thread) {
        if (thread.clearChildTid() == 0 || killing) {
            return; // when the tree is being killed, the joiners are dying too
        }
        long key = Wait.Futex.keyOf(thread.process().vpid(), thread.clearChildTid());
        for (GuestThread t : parking.futexWaiters(key, false, Wait.Futex.BITSET_ALL, Integer.MAX_VALUE)) {
            parking.complete(t, 0);
        }
    }

    /** A whole process is gone: its parent now has a child to wait for, and SIGCHLD. */
    private void processExited(GuestProcess process) {
        probe.forget(process);
        IntervalTimers.of(tree).forget(process);
        GuestProcess parent = process.parent();
        if (parent == null) {
            return;
        }
        parent.childExited(process.pid());
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
        for (int nr = 0; nr < stats.syscallCounts.length; nr++) {
            long n = stats.syscallCounts[nr];
            if (n > 0) {
                byName.put(SyscallNames.name(nr), n);
                total += n;
            }
        }
        return new RunOutcome(rootStatus, byName, total, stats.emulatedSyscalls, stats.syscallSequenceHash,
                stats.processesCreated, stats.threadsCreated, tree.clock().elapsedNanos(), wallNanos,
                Boolean.TRUE.equals(stats.cpuidFaulting), Boolean.TRUE.equals(stats.rdtscTrapping),
                stats.runtimeSyscalls, stats.traps, termination, deadlock,
                new RunOutcome.SchedulerCounts(scheduler.turns(), scheduler.contextSwitches(), scheduler.preemptions(),
                        stats.watchdogPreemptions, stats.spinPreemptions, scheduler.spinYields()),
                stats.nondeterminism, stats.notes, stats.problems, inputs());
    }

    private Inputs inputs() {
        InputLog log = InputLog.of(tree);
        return new Inputs(log.digest(), log.entries(), log.hidden());
    }

    /** The host side of waits: descriptor readiness through pidfds, signal masks from /proc, kill. */
    private final class ProcHost implements WaitChecker.Host {
        @Override
        public Readiness readiness(GuestThread thread, int fd, short events, boolean polls) {
            return probe.probe(thread, fd, events, polls);
        }

        @Override
        public SignalMasks signalMasks(GuestThread thread) {
            return ProcSignalMasks.of(thread.tid());
        }

        @Override
        public int tryLock(GuestThread thread, int fd, int operation) {
            return FileLocks.tryLock(thread, fd, operation);
        }

        @Override
        public void sendTimerSignal(GuestProcess process, GuestThread thread, int timerId,
                IntervalTimers.Delivery delivery) {
            if (!delivery.posix()) {
                c.kill(process.pid(), delivery.signal()); // ITIMER_REAL
            } else {
                timerSignals.send(process.pid(), thread == null ? 0 : thread.tid(), timerId, delivery);
            }
        }
    }
}
