package dev.vbench.core.handlers;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Finding the key of a non-private futex in the text of /proc/PID/maps: what every such call pays
 * besides reading the file (glibc's pthread_join waits on one). {@code mappings} lines, as a
 * process with that many (a JVM has about 200, and two more per thread); the futex lies in the
 * last one but one, a thread's stack in private memory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SharedFutexKeyBenchmark {
    @Param({"40", "200", "2000"})
    public int mappings;

    private String maps;
    private long address;

    @Setup
    public void setUp() {
        StringBuilder b = new StringBuilder();
        long at = 0x55d0_0000_0000L;
        for (int i = 0; i < mappings; i++) {
            long end = at + 0x21000;
            String perms = i % 7 == 3 ? "rw-s" : (i % 2 == 0 ? "r-xp" : "rw-p");
            String path = i % 5 == 0 ? "/usr/lib/x86_64-linux-gnu/libsomething-" + i + ".so" : "";
            b.append(String.format("%x-%x %s %08x fd:01 %d %s%n", at, end, perms, i * 0x1000L, 1000 + i, path));
            if (i == mappings - 2) {
                address = at + 0x100;
            }
            at = end + 0x1000;
        }
        maps = b.toString();
    }

    @Benchmark
    public long keyOfAFutexOnAThreadStack() {
        return SharedFutexKeys.keyIn(maps, address);
    }
}
