package dev.vbench.core.supervisor;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.handlers.HandlerTable;
import dev.vbench.core.handlers.StandardHandlers;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.nativ.Registers;
import dev.vbench.core.nativ.RemoteMemory;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.sched.Scheduler;
import dev.vbench.core.syscalls.Syscall;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jnr.ffi.Pointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The supervisor's Java work at one syscall-entry stop, between PTRACE_GETREGS and PTRACE_SETREGS:
 * decode the call from the registers, count it, find its handler in the {@link HandlerTable} and
 * run it through the real {@link PtraceGuest}, registers and remote memory. The "guest" is this
 * JVM itself: its pid is the root thread's real id, so the handlers' process_vm_writev (a
 * clock_gettime's timespec, getrandom's bytes) is a real transfer, into a buffer of this process.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = "-Djnr.ffi.x86asm.enabled=false") // jnr's asm stub garbles process_vm_writev's 6th argument
public class StopDispatchBenchmark {
    private static final int CLOCK_MONOTONIC = 1, FUTEX_WAKE_PRIVATE = 1 | 128;

    @Param({"getppid", "clock_gettime", "getrandom", "futex_wake"})
    public String call;

    /** The registers as PTRACE_GETREGS would load them at each stop (handlers rewrite the live copy). */
    private final Registers loaded = new Registers();
    private final Registers regs = new Registers();
    private final RunStats stats = new RunStats();
    private final Pointer buffer = Native.allocate(64);
    private HandlerTable handlers;
    private PtraceGuest guest;
    private GuestThread thread;

    @Setup
    public void setUp() throws IOException {
        // An empty working directory: the handlers' workspace scan has nothing to read.
        String workspace = Files.createTempDirectory("vbench-jmh").toString();
        TestGuests world = new TestGuests(RunConfig.of(List.of("/bin/true"), List.of()).withWorkingDirectory(workspace));
        thread = world.tree().createRoot((int) ProcessHandle.current().pid());
        handlers = new HandlerTable(StandardHandlers.create(world.tree(), new ProcHostFiles(), new KernelProcesses(), stats));
        Scheduler scheduler = Scheduler.forSeed(0, false, world.clock()::threadNanos);
        RemoteMemory memory = new RemoteMemory();
        guest = new PtraceGuest(regs, new PtraceMemory(memory), scheduler, new Parking(scheduler, memory),
                new DescriptorProbe());
        buffer.putInt(0, 0);
        switch (call) {
            case "getppid" -> load(Syscall.GETPPID);
            case "clock_gettime" -> load(Syscall.CLOCK_GETTIME, CLOCK_MONOTONIC, buffer.address());
            case "getrandom" -> load(Syscall.GETRANDOM, buffer.address(), 16, 0);
            case "futex_wake" -> load(Syscall.FUTEX, buffer.address(), FUTEX_WAKE_PRIVATE, 1);
            default -> throw new IllegalArgumentException(call);
        }
    }

    private void load(Syscall syscall, long... args) {
        loaded.setSyscallNumber(syscall.nr());
        for (int i = 0; i < args.length; i++) {
            loaded.setArg(i, args[i]);
        }
    }

    /** Mirrors Supervisor.onSyscallEntry for a guest call with a handler, minus the two ptrace requests. */
    @Benchmark
    public Disposition decodeAndDispatch() {
        regs.copyFrom(loaded);
        int nr = (int) regs.syscallNumber();
        stats.countSyscall(thread.vtid(), nr);
        return guest.enter(thread, nr, handlers.handlerOf(nr));
    }
}
