package dev.vbench.core.guest;

import dev.vbench.core.handlers.SyscallHandler;
import dev.vbench.core.sched.Scheduler;
import dev.vbench.core.syscalls.Syscall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Guest} in memory, for testing handlers without a kernel: the test sets the call and its
 * arguments, runs a handler on it, and looks at what the handler decided and wrote. Threads come
 * from {@link TestGuests}; parked threads are kept by a real {@link Scheduler}, and what a wake-up
 * answered each parked call with is recorded.
 */
public final class FakeGuest implements Guest {
    private final TestGuests world;
    private final Scheduler scheduler;
    private final Parked parked = new Parked();
    private final Map<GuestProcess, FakeMemory> memories = new HashMap<>();
    private final Map<String, Readiness> readiness = new HashMap<>();
    private final Map<GuestThread, SignalMasks> masks = new HashMap<>();
    /** What each completed parked call was answered with. */
    public final Map<GuestThread, Long> completed = new HashMap<>();
    /** Threads released to let the kernel run their call, in order. */
    public final List<GuestThread> released = new ArrayList<>();
    /** Threads whose poll-type call was let through with a zero timeout, in order. */
    public final List<GuestThread> expired = new ArrayList<>();
    /** Threads that called sched_yield. */
    public final List<GuestThread> yielded = new ArrayList<>();

    private GuestThread thread;
    private Syscall syscall;
    private final long[] args = new long[6];
    private long result;
    private boolean emulated;
    private Wait blockedOn;
    private boolean exitHook;
    private boolean retries;
    /** Room left in each fake pipe or socket ("vpid:fd"), which writeWithoutBlocking fills; a descriptor not here is neither. */
    private final Map<String, Long> pipeRoom = new HashMap<>();
    /** Every piece writeWithoutBlocking wrote: "fd@address+bytes". */
    public final List<String> pipeWrites = new ArrayList<>();
    private long stack;

    public FakeGuest(TestGuests world) {
        this.world = world;
        this.scheduler = Scheduler.forSeed(0, false, world.clock()::threadNanos);
    }

    public TestGuests world() {
        return world;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The memory of {@code process} (one address space per process, as after a fork). */
    public FakeMemory memoryOf(GuestProcess process) {
        return memories.computeIfAbsent(process, p -> new FakeMemory());
    }

    /** Sets up a call of {@code thread}: {@code syscall(args...)}; clears what the last call decided. */
    public FakeGuest call(GuestThread thread, Syscall syscall, long... args) {
        this.thread = thread;
        this.syscall = syscall;
        java.util.Arrays.fill(this.args, 0);
        System.arraycopy(args, 0, this.args, 0, args.length);
        this.result = 0;
        this.emulated = false;
        this.blockedOn = null;
        this.exitHook = false;
        this.retries = false;
        if (stack == 0) {
            stack = memoryOf(thread.process()).allocate(64 * 1024) + 60 * 1024;
        }
        scheduler.admit(thread);
        return this;
    }

    /** Runs {@code handler}'s entry on the call set up; a GuestFault becomes EFAULT, as in the supervisor. */
    public Disposition enter(SyscallHandler handler) {
        try {
            Disposition d = handler.onEntry(this);
            if (d == Disposition.BLOCK) {
                scheduler.park(thread, blockedOn);
            }
            return d;
        } catch (GuestFault bad) {
            return fail(14);
        }
    }

    /** The kernel ran the call and returned {@code kernelResult}; runs {@code handler}'s exit. */
    public void exit(SyscallHandler handler, long kernelResult) {
        result = kernelResult;
        try {
            handler.onExit(this);
        } catch (GuestFault bad) {
            result = -14;
        }
    }

    /** What the call returns (the emulated value, or the exit value after {@link #exit}). */
    public long returned() {
        return result;
    }

    public boolean emulated() {
        return emulated;
    }

    public Wait blockedOn() {
        return blockedOn;
    }

    public boolean exitHookWanted() {
        return exitHook;
    }

    /** Whether the call parked to be made again ({@link #retryAfter}). */
    public boolean retries() {
        return retries;
    }

    /** Makes {@code fd} of {@code process} a pipe with {@code room} bytes free. */
    public void setPipeRoom(GuestProcess process, int fd, long room) {
        pipeRoom.put(process.vpid() + ":" + fd, room);
    }

    /** What the probe answers for {@code fd} of {@code process} (default: NOT_READY). */
    public void setReadiness(GuestProcess process, int fd, Readiness r) {
        readiness.put(process.vpid() + ":" + fd, r);
    }

    public Readiness readinessOf(GuestProcess process, int fd) {
        return readiness.getOrDefault(process.vpid() + ":" + fd, Readiness.NOT_READY);
    }

    public void setSignalMasks(GuestThread t, SignalMasks m) {
        masks.put(t, m);
    }

    public SignalMasks signalMasksOf(GuestThread t) {
        return masks.getOrDefault(t, new SignalMasks(0, 0, 0, 0));
    }

    @Override
    public Syscall syscall() {
        return syscall;
    }

    @Override
    public long arg(int index) {
        return args[index];
    }

    @Override
    public void setArg(int index, long value) {
        args[index] = value;
    }

    @Override
    public long result() {
        return result;
    }

    @Override
    public void setResult(long value) {
        result = value;
    }

    @Override
    public GuestThread thread() {
        return thread;
    }

    @Override
    public GuestMemory memory() {
        return memoryOf(thread.process());
    }

    @Override
    public Disposition emulate(long value) {
        emulated = true;
        result = value;
        return Disposition.EMULATED;
    }

    @Override
    public Disposition block(Wait wait, boolean exitHook) {
        this.blockedOn = wait;
        this.exitHook = exitHook;
        return Disposition.BLOCK;
    }

    /** Open files ("vpid:fd") whose lock another open file holds: tryLock fails on them. */
    public final java.util.Set<String> heldLocks = new java.util.HashSet<>();

    @Override
    public int tryLock(int fd, int operation) {
        return heldLocks.contains(thread.process().vpid() + ":" + fd) ? -11 : 0;
    }

    @Override
    public Disposition retryAfter(Wait wait) {
        retries = true;
        return block(wait, false);
    }

    @Override
    public long writeWithoutBlocking(int fd, long buf, long count, boolean sigpipe, boolean socketOnly) {
        String key = thread.process().vpid() + ":" + fd;
        Long room = pipeRoom.get(key);
        if (room == null) {
            return KERNEL_DECIDES;
        }
        long n = Math.min(room, count);
        if (n == 0) {
            return -11; // EAGAIN
        }
        pipeRoom.put(key, room - n);
        pipeWrites.add(fd + "@" + Long.toHexString(buf) + "+" + n);
        return n;
    }

    @Override
    public long passString(String value) {
        byte[] b = (value + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long addr = (stack - 128 - b.length) & ~15L;
        memory().write(addr, b, 0, b.length);
        return addr;
    }

    @Override
    public Readiness probe(int fd, short events) {
        return readinessOf(thread.process(), fd);
    }

    @Override
    public SignalMasks signalMasks() {
        return signalMasksOf(thread);
    }

    @Override
    public void yieldCpu() {
        yielded.add(thread);
        scheduler.yielded(thread);
    }

    @Override
    public ParkedThreads parked() {
        return parked;
    }

    /** The parked threads, answered in memory: completions are recorded, releases too. */
    private final class Parked implements ParkedThreads {
        @Override
        public List<GuestThread> all() {
            return scheduler.parked().list();
        }

        @Override
        public List<GuestThread> futexWaiters(long key, boolean pi, int bitset, int limit) {
            return scheduler.parked().futexWaiters(key, pi, bitset, limit);
        }

        @Override
        public Wait waitOf(GuestThread t) {
            return scheduler.waitOf(t);
        }

        @Override
        public void complete(GuestThread t, long value) {
            completed.put(t, value);
            scheduler.makeReady(t);
        }

        @Override
        public void release(GuestThread t) {
            released.add(t);
            scheduler.makeReady(t);
        }

        @Override
        public void expire(GuestThread t) {
            expired.add(t);
            scheduler.makeReady(t);
        }

        @Override
        public void rewait(GuestThread t, Wait wait) {
            scheduler.rewait(t, wait);
        }
    }
}
