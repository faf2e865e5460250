package dev.vbench.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vbench.core.guest.GuestRuntime;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.nativ.CpuAffinity;
import dev.vbench.core.nativ.DirectTracer;
import dev.vbench.core.nativ.RemoteTracer;
import dev.vbench.core.nativ.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunTracerTest {
    /** Valgrind's kind: it answers rdtsc and cpuid itself, so its guest drops the traps. */
    private static final GuestRuntime DROPS_TRAPS = new GuestRuntime() {
        @Override
        public boolean isGuestSyscall(GuestThread thread, long rip) {
            return true;
        }

        @Override
        public boolean keepsCpuTraps() {
            return false;
        }
    };

    @AfterEach
    void clearProperty() {
        System.clearProperty(RunTracer.PROPERTY);
    }

    @Test
    void autoTakesTheRemoteTracerOnlyForAGuestThatKeepsItsTrapsAndWithASecondCpu() {
        CpuAffinity cpus = CpuAffinity.ofThisThread();
        assumeTrue(RemoteTracer.unavailableReason() == null && cpus != null && cpus.count() >= 2,
                "needs the tracer's library and two CPUs");
        Tracer t = RunTracer.choose(cpus, GuestRuntime.NONE);
        try {
            assertThat(t).isInstanceOf(RemoteTracer.class);
        } finally {
            ((RemoteTracer) t).close();
        }
        assertThat(RunTracer.choose(cpus, DROPS_TRAPS)).isInstanceOf(DirectTracer.class);
        assertThat(RunTracer.choose(null, GuestRuntime.NONE)).isInstanceOf(DirectTracer.class);
    }

    @Test
    void aRunWithTheRemoteTracerPinsTheSpawnToTheLastCpuThenMovesThisThreadOffItAndGivesItsCpusBack() {
        CpuAffinity before = CpuAffinity.ofThisThread();
        assumeTrue(RemoteTracer.unavailableReason() == null && before != null && before.count() >= 2,
                "needs the tracer's library and two CPUs");
        try (RunTracer run = RunTracer.begin(GuestRuntime.NONE)) {
            assertThat(Tracer.current()).isInstanceOf(RemoteTracer.class);
            CpuAffinity forTheSpawn = CpuAffinity.ofThisThread();
            assertThat(forTheSpawn.count()).as("pinned to the guest's CPU, which the spawn passes on").isEqualTo(1);
            assertThat(forTheSpawn.last()).isEqualTo(before.last());
            run.guestSpawned();
            assertThat(CpuAffinity.ofThisThread().count()).isEqualTo(before.count() - 1);
            assertThat(CpuAffinity.ofThisThread().last()).isNotEqualTo(before.last());
        }
        assertThat(Tracer.current()).isSameAs(DirectTracer.INSTANCE);
        assertThat(CpuAffinity.ofThisThread().count()).isEqualTo(before.count());
    }

    @Test
    void directIsDirectAndAnythingElseIsRefused() {
        System.setProperty(RunTracer.PROPERTY, "direct");
        assertThat(RunTracer.choose(CpuAffinity.ofThisThread(), GuestRuntime.NONE)).isInstanceOf(DirectTracer.class);
        System.setProperty(RunTracer.PROPERTY, "fast");
        assertThatThrownBy(() -> RunTracer.choose(CpuAffinity.ofThisThread(), GuestRuntime.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, remote or direct");
    }
}
