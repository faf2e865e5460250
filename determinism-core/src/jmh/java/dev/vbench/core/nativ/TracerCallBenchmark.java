package dev.vbench.core.nativ;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one ptrace request costs the supervisor before the kernel's own work: a call through jnr-ffi
 * on this thread ({@code direct}), or a round trip through the remote tracer's mailbox to its
 * thread on another CPU ({@code remote}). The request (PTRACE_GETREGS of a process that is no
 * tracee) fails at once in the kernel with ESRCH, so what is timed is the way there and back.
 * A stop makes about four such requests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = "-Djnr.ffi.x86asm.enabled=false")
public class TracerCallBenchmark {
    @Param({"direct", "remote"})
    public String tracer;

    private Tracer t;

    @Setup
    public void start() {
        if (tracer.equals("direct")) {
            t = DirectTracer.INSTANCE;
            return;
        }
        CpuAffinity cpus = CpuAffinity.ofThisThread();
        if (cpus == null || cpus.count() < 2) {
            throw new IllegalStateException("the remote tracer needs a second CPU");
        }
        cpus.pinThisThreadToAllBut(cpus.last());
        t = RemoteTracer.start(cpus.last());
    }

    @TearDown
    public void stop() {
        if (t instanceof RemoteTracer remote) {
            remote.close();
        }
    }

    @Benchmark
    public long failedRequest() {
        return t.ptrace(Ptrace.GETREGS, 1, 0, 0);
    }
}
