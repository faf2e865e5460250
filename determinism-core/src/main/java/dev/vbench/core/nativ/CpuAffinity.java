package dev.vbench.core.nativ;

import jnr.ffi.Pointer;

/**
 * The CPUs the calling thread may run on (sched_getaffinity), and pinning it. vbench runs the guest
 * on the last of them: with the supervisor thread on the same CPU when that thread traces (a
 * hand-off on one CPU is cheaper), or with a {@link RemoteTracer} there and the supervisor thread
 * on the others.
 */
public final class CpuAffinity {
    private static final int BYTES = 128; // 1024 CPUs
    private static final LibC C = Native.libc();

    private final byte[] mask;

    private CpuAffinity(byte[] mask) {
        this.mask = mask;
    }

    /** The calling thread's CPUs; null if the kernel will not say. */
    public static CpuAffinity ofThisThread() {
        return of(0);
    }

    /** The CPUs of thread (or process) {@code tid}; null if the kernel will not say. */
    public static CpuAffinity of(int tid) {
        Pointer p = Native.allocate(BYTES);
        if (C.sched_getaffinity(tid, BYTES, p) != 0) {
            return null;
        }
        byte[] mask = new byte[BYTES];
        p.get(0, mask, 0, BYTES);
        return new CpuAffinity(mask);
    }

    /** How many CPUs there are. */
    public int count() {
        int n = 0;
        for (byte b : mask) {
            n += Integer.bitCount(b & 0xff);
        }
        return n;
    }

    /** The last CPU, where the guest runs; -1 if none. */
    public int last() {
        for (int cpu = BYTES * 8 - 1; cpu >= 0; cpu--) {
            if (has(cpu)) {
                return cpu;
            }
        }
        return -1;
    }

    /** Pins the calling thread to {@code cpu} alone. Best effort: a failure only costs speed. */
    public static void pinThisThreadTo(int cpu) {
        byte[] one = new byte[BYTES];
        one[cpu / 8] = (byte) (1 << (cpu % 8));
        set(one);
    }

    /** Pins the calling thread to these CPUs but {@code cpu}. Best effort. */
    public void pinThisThreadToAllBut(int cpu) {
        byte[] rest = mask.clone();
        rest[cpu / 8] &= (byte) ~(1 << (cpu % 8));
        set(rest);
    }

    /** Pins the calling thread to these CPUs again. Best effort. */
    public void pinThisThread() {
        set(mask);
    }

    /**
     * Pins every thread of this process to these CPUs, and so the threads they start: for a JVM
     * that runs on behalf of a pinned client (the run server). Best effort.
     */
    public void pinEveryThreadOfThisProcess() {
        Pointer p = Native.allocate(BYTES);
        p.put(0, mask, 0, BYTES);
        try (java.util.stream.Stream<java.nio.file.Path> tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            tasks.forEach(task -> C.sched_setaffinity(Integer.parseInt(task.getFileName().toString()), BYTES, p));
        } catch (java.io.IOException | RuntimeException e) {
            C.sched_setaffinity(0, BYTES, p);
        }
    }

    private boolean has(int cpu) {
        return (mask[cpu / 8] & (1 << (cpu % 8))) != 0;
    }

    private static void set(byte[] mask) {
        Pointer p = Native.allocate(BYTES);
        p.put(0, mask, 0, BYTES);
        C.sched_setaffinity(0, BYTES, p);
    }
}
