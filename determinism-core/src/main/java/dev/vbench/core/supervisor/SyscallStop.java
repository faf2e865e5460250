package dev.vbench.core.supervisor;

import dev.vbench.core.handlers.Disposition;
import dev.vbench.core.nativ.Registers;
import dev.vbench.core.nativ.RemoteMemory;
import java.nio.charset.StandardCharsets;

/**
 * The guest handle a handler gets for one system call stop: the call's number and arguments, the
 * calling thread, and the thread's memory. One instance is reused for every stop.
 */
public final class SyscallStop {
    /** The kernel skips a call whose number is set to -1 at entry and returns rax as it is. */
    private static final long SKIP = -1;
    /** Below the x86-64 red zone, memory under rsp is free while the thread is in a system call. */
    private static final int RED_ZONE = 128;

    private final Registers regs;
    private final RemoteMemory memory;
    private final GuestTree tree;
    private final Parking parking;
    private final DescriptorProbe probe;
    private GuestThread thread;
    private int nr;
    private boolean regsChanged;

    SyscallStop(Registers regs, RemoteMemory memory, GuestTree tree, Parking parking, DescriptorProbe probe) {
        this.regs = regs;
        this.memory = memory;
        this.tree = tree;
        this.parking = parking;
        this.probe = probe;
    }

    void reset(GuestThread thread, int nr) {
        this.thread = thread;
        this.nr = nr;
        this.regsChanged = false;
    }

    boolean regsChanged() {
        return regsChanged;
    }

    public int nr() {
        return nr;
    }

    public GuestThread thread() {
        return thread;
    }

    public GuestProcess process() {
        return thread.process();
    }

    public GuestTree tree() {
        return tree;
    }

    public int tid() {
        return thread.tid();
    }

    public long arg(int index) {
        return regs.arg(index);
    }

    public int intArg(int index) {
        return (int) regs.arg(index);
    }

    public void setArg(int index, long value) {
        regs.setArg(index, value);
        regsChanged = true;
    }

    /** At exit: the value the call returns (negative errno on failure). */
    public long result() {
        return regs.rax();
    }

    /** At exit: replaces the value the call returns. */
    public void setResult(long value) {
        regs.setRax(value);
        regsChanged = true;
    }

    /** At entry: answer the call with {@code value}; the kernel does not run it. */
    public Disposition emulate(long value) {
        regs.setSyscallNumber(SKIP);
        regs.setRax(value);
        regsChanged = true;
        return Disposition.EMULATED;
    }

    /**
     * At entry: park the thread until {@code wait} is over. When it is released, the kernel runs
     * the call (now that it will not block), with {@link dev.vbench.core.handlers.SyscallHandler#onExit}
     * afterwards if {@code exitHook}; or the scheduler completes it itself (timeouts).
     */
    public Disposition block(dev.vbench.core.sched.Wait wait, boolean exitHook) {
        thread.waitingOn = wait;
        thread.exitHookOnRelease = exitHook;
        return Disposition.BLOCK;
    }

    /** Whether descriptor {@code fd} of the calling process is ready for {@code events} (poll bits). */
    public DescriptorProbe.State probe(int fd, short events) {
        return probe.probe(thread.process(), fd, events);
    }

    /** The calling thread gives up the CPU (sched_yield): its scheduling slice ends. */
    public void yieldCpu() {
        parking.yielded(thread);
    }

    /** The parked threads and the means to complete or release them (futex wake-ups). */
    public Parking parking() {
        return parking;
    }

    /** At entry: fail the call with {@code errno}. */
    public Disposition fail(int errno) {
        return emulate(-errno);
    }

    public RemoteMemory memory() {
        return memory;
    }

    /** The path argument at {@code addr}, or null if it cannot be read. */
    public String readPath(long addr) {
        return memory.readPath(thread.tid(), addr);
    }

    public void writeBytes(long addr, byte[] bytes, int offset, int length) {
        memory.writeBytes(thread.tid(), addr, bytes, offset, length);
    }

    /**
     * Puts a NUL-terminated string where the kernel can read it during this call and returns its
     * address: the thread's stack below the red zone, which nothing uses while it is in the kernel.
     */
    public long passString(String value) {
        byte[] bytes = (value + "\0").getBytes(StandardCharsets.UTF_8);
        long addr = (regs.rsp() - RED_ZONE - bytes.length) & ~15L;
        memory.writeBytes(thread.tid(), addr, bytes, 0, bytes.length);
        return addr;
    }
}
