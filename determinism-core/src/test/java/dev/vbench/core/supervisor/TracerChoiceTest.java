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

class TracerChoiceTest {
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
        System.clearProperty(TracerChoice.PROPERTY);
    }

    @Test
    void autoTakesTheRemoteTracerOnlyForAGuestThatKeepsItsTrapsAndWithASecondCpu() {
        CpuAffinity cpus = CpuAffinity.ofThisThread();
        assumeTrue(RemoteTracer.unavailableReason() == null && cpus != null && cpus.count() >= 2,
                "needs the tracer's library and two CPUs");
        Tracer t = TracerChoice.forRun(cpus, GuestRuntime.NONE);
        try {
            assertThat(t).isInstanceOf(RemoteTracer.class);
        } finally {
            ((RemoteTracer) t).close();
        }
        assertThat(TracerChoice.forRun(cpus, DROPS_TRAPS)).isSameAs(DirectTracer.INSTANCE);
        assertThat(TracerChoice.forRun(null, GuestRuntime.NONE)).isSameAs(DirectTracer.INSTANCE);
    }

    @Test
    void directIsDirectAndAnythingElseIsRefused() {
        System.setProperty(TracerChoice.PROPERTY, "direct");
        assertThat(TracerChoice.forRun(CpuAffinity.ofThisThread(), GuestRuntime.NONE)).isSameAs(DirectTracer.INSTANCE);
        System.setProperty(TracerChoice.PROPERTY, "fast");
        assertThatThrownBy(() -> TracerChoice.forRun(CpuAffinity.ofThisThread(), GuestRuntime.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, remote or direct");
    }
}
