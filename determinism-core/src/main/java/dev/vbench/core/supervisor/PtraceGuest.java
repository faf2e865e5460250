package dev.vbench.core.supervisor;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestFault;
import dev.vbench.core.guest.GuestMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.ParkedThreads;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.handlers.SyscallHandler;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.Registers;
import dev.vbench.core.sched.Scheduler;
import dev.vbench.core.syscalls.Syscall;
import java.nio.charset.StandardCharsets;

/**
 * The {@link Guest} handle over ptrace: the stopped thread's registers (loaded once per stop by
 * the supervisor, stored back only if a handler changed them) and its memory. One instance is
 * reused for every stop.
 */
final class PtraceGuest implements Guest {
    /** The kernel skips a call whose number is set to -1 at entry and returns rax as it is. */
    private static final long SKIP = -1;
    /** Below the x86-64 red zone, memory under rsp is free while the thread is in a system call. */
    private static final int RED_ZONE = 128;

    private final Registers regs;
    private final PtraceMemory memory;
    private final Scheduler scheduler;
    private final Parking parking;
    private final DescriptorProbe probe;
    private final NonBlockingWrites writes;
    private GuestThread thread;
    private Syscall syscall;
    private boolean regsChanged;
    private Wait blockedOn;
    private boolean exitHook;

    PtraceGuest(Registers regs, PtraceMemory memory, Scheduler scheduler, Parking parking, DescriptorProbe probe) {
        this.regs = regs;
        this.memory = memory;
        this.scheduler = scheduler;
        this.parking = parking;
        this.probe = probe;
        this.writes = new NonBlockingWrites(memory.remote());
    }

    /** Binds the handle to {@code thread}, stopped in {@code syscall}, whose registers are loaded. */
    private void reset(GuestThread thread, Syscall syscall) {
        this.thread = thread;
        this.syscall = syscall;
        this.regsChanged = false;
        this.blockedOn = null;
        memory.bind(thread.tid());
    }

    /**
     * Runs {@code handler}'s entry on {@code thread}'s call {@code nr}: the stop's work between
     * loading the registers and storing them. A bad pointer in the guest's arguments fails the
     * call with EFAULT, as the kernel answers it.
     */
    Disposition enter(GuestThread thread, int nr, SyscallHandler handler) {
        reset(thread, Syscall.of(nr));
        try {
            return handler.onEntry(this);
        } catch (GuestFault bad) {
            return fail(Errno.EFAULT);
        }
    }

    /** Runs {@code handler}'s exit on {@code thread}'s call {@code nr}; a bad pointer makes the result EFAULT. */
    void exit(GuestThread thread, long nr, SyscallHandler handler) {
        reset(thread, Syscall.of(nr));
        try {
            handler.onExit(this);
        } catch (GuestFault bad) {
            setResult(-Errno.EFAULT);
        }
    }

    boolean regsChanged() {
        return regsChanged;
    }

    /** The wait given to {@link #block}, and whether the handler wants the call's exit then. */
    Wait blockedOn() {
        return blockedOn;
    }

    boolean exitHook() {
        return exitHook;
    }

    @Override
    public Syscall syscall() {
        return syscall;
    }

    @Override
    public long arg(int index) {
        return regs.arg(index);
    }

    @Override
    public void setArg(int index, long value) {
        regs.setArg(index, value);
        regsChanged = true;
    }

    @Override
    public long result() {
        return regs.rax();
    }

    @Override
    public void setResult(long value) {
        regs.setRax(value);
        regsChanged = true;
    }

    @Override
    public GuestThread thread() {
        return thread;
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public Disposition emulate(long value) {
        regs.setSyscallNumber(SKIP);
        regs.setRax(value);
        regsChanged = true;
        return Disposition.EMULATED;
    }

    /**
     * {@inheritDoc} A call that unblocks a signal pending now does not wait at all: the kernel runs
     * it, it fails with EINTR and the signal is delivered. That signal was sent while it was blocked
     * (a child's exit before make's pselect6 or a shell's sigsuspend), so no later send ends the wait.
     */
    @Override
    public Disposition block(Wait wait, boolean exitHook) {
        if (wait.maskDuringWait() != -1) {
            SignalMasks masks = signalMasks();
            if (masks == null || masks.interrupts(masks.pending(), wait.maskDuringWait())) {
                return Disposition.PASS;
            }
        }
        this.blockedOn = wait;
        this.exitHook = exitHook;
        return Disposition.BLOCK;
    }

    /** {@inheritDoc} The call is skipped and the thread left on its syscall instruction, its number in rax. */
    @Override
    public Disposition retryAfter(Wait wait) {
        long nr = regs.syscallNumber();
        regs.setSyscallNumber(SKIP);
        regs.setRax(nr);
        regs.setRip(regs.rip() - Injector.SYSCALL_INSN_LENGTH);
        regsChanged = true;
        return block(wait, false);
    }

    @Override
    public int tryLock(int fd, int operation) {
        return FileLocks.tryLock(thread, fd, operation);
    }

    @Override
    public long writeWithoutBlocking(int fd, long buf, long count, boolean sigpipe, boolean socketOnly) {
        return writes.write(thread, fd, buf, count, sigpipe, socketOnly);
    }

    @Override
    public long passString(String value) {
        byte[] bytes = (value + "\0").getBytes(StandardCharsets.UTF_8);
        long addr = (regs.rsp() - RED_ZONE - bytes.length) & ~15L;
        memory.write(addr, bytes, 0, bytes.length);
        return addr;
    }

    @Override
    public Readiness probe(int fd, short events) {
        return probe.probe(thread, fd, events, false);
    }

    @Override
    public SignalMasks signalMasks() {
        return ProcSignalMasks.of(thread.tid());
    }

    @Override
    public void yieldCpu() {
        scheduler.yielded(thread);
    }

    @Override
    public ParkedThreads parked() {
        return parking;
    }
}
