package dev.vbench.reports.compare;

import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Whether two results were measured on platforms that count the same program the same way: the
 * counter backend, the cost model, the virtual machine the guest saw (CPUs, memory, seeds, epoch,
 * whether cpuid and rdtsc were answered by vbench) and every field of the fingerprint. The host
 * itself ({@code environment.host}) is informative and never compared. A field recorded on one side
 * and not on the other counts as a difference: nothing shows the two agree.
 */
public final class PlatformCheck {
    private PlatformCheck() {}

    /** Every difference, in a fixed order; empty if the results are comparable. */
    public static List<Mismatch> differences(Environment base, Environment current) {
        List<Mismatch> out = new ArrayList<>();
        field(out, "counter", base, current, Environment::counter);
        field(out, "model", base, current, Environment::model);
        field(out, "epoch", base, current, Environment::epoch);
        field(out, "seed", base, current, e -> Long.toString(e.seed()));
        field(out, "sched_seed", base, current, e -> Long.toString(e.schedSeed()));
        field(out, "cpus", base, current, e -> Integer.toString(e.cpus()));
        field(out, "memory_bytes", base, current, e -> Long.toString(e.memoryBytes()));
        field(out, "cpuid_virtualized", base, current, e -> Boolean.toString(e.cpuidVirtualized()));
        field(out, "rdtsc_virtualized", base, current, e -> Boolean.toString(e.rdtscVirtualized()));
        Fingerprint fb = base.fingerprint();
        Fingerprint fc = current.fingerprint();
        fingerprint(out, "counter", fb, fc, Fingerprint::counter);
        fingerprint(out, "counter_version", fb, fc, Fingerprint::counterVersion);
        fingerprint(out, "cpu", fb, fc, Fingerprint::cpu);
        fingerprint(out, "libc", fb, fc, Fingerprint::libc);
        fingerprint(out, "kernel", fb, fc, Fingerprint::kernel);
        fingerprint(out, "model", fb, fc, Fingerprint::model);
        return List.copyOf(out);
    }

    private static void field(List<Mismatch> out, String name, Environment b, Environment c,
                              Function<Environment, String> get) {
        String vb = get.apply(b);
        String vc = get.apply(c);
        if (!Objects.equals(vb, vc)) {
            out.add(new Mismatch(name, vb, vc));
        }
    }

    private static void fingerprint(List<Mismatch> out, String name, Fingerprint b, Fingerprint c,
                                    Function<Fingerprint, String> get) {
        String vb = b == null ? null : get.apply(b);
        String vc = c == null ? null : get.apply(c);
        if (!Objects.equals(vb, vc)) {
            out.add(new Mismatch("fingerprint." + name, vb, vc));
        }
    }
}
