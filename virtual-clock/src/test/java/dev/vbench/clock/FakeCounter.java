package dev.vbench.clock;

import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A counter backend whose readings the test sets: per process (like Valgrind's per-process block)
 * or per thread (like perf).
 */
final class FakeCounter implements CounterBackend {
    private final boolean perProcess;
    private final Map<Object, long[]> readings = new IdentityHashMap<>();
    final List<String> calls = new ArrayList<>();

    FakeCounter(boolean perProcess) {
        this.perProcess = perProcess;
    }

    /** Sets what the scope's counters read now: instructions, conditional branches, indirect branches, syscalls. */
    void set(GuestProcess process, long instructions, long branches, long indirect, long syscalls) {
        readings.put(process, new long[] {instructions, branches, indirect, syscalls});
    }

    void set(GuestThread thread, long instructions, long branches, long indirect, long syscalls) {
        readings.put(thread, new long[] {instructions, branches, indirect, syscalls});
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public List<String> countNames() {
        return List.of(Counts.INSTRUCTIONS, Counts.BRANCHES_CONDITIONAL, Counts.BRANCHES_INDIRECT, Counts.SYSCALLS);
    }

    @Override
    public boolean read(GuestThread thread, long[] out) {
        long[] r = readings.get(perProcess ? thread.process() : thread);
        if (r == null) {
            return false;
        }
        System.arraycopy(r, 0, out, 0, r.length);
        return true;
    }

    @Override
    public boolean perProcess() {
        return perProcess;
    }

    @Override
    public void onNewThread(GuestThread parent, GuestThread child) {
        calls.add("new " + parent.vtid() + "->" + child.vtid());
    }

    @Override
    public void onExec(GuestThread thread) {
        calls.add("exec " + thread.vtid());
    }

    @Override
    public void onThreadExit(GuestThread thread) {
        calls.add("exit " + thread.vtid());
    }
}
