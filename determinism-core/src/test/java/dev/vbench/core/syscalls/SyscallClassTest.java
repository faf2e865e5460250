package dev.vbench.core.syscalls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyscallClassTest {
    @Test
    void eachCallIsInTheClassOfWhatItCosts() {
        assertThat(SyscallClass.of(Syscall.GETPID.nr())).isEqualTo(SyscallClass.CHEAP);
        assertThat(SyscallClass.of(Syscall.CLOCK_GETTIME.nr())).isEqualTo(SyscallClass.CHEAP);
        assertThat(SyscallClass.of(Syscall.READ.nr())).isEqualTo(SyscallClass.FILE);
        assertThat(SyscallClass.of(Syscall.OPENAT.nr())).isEqualTo(SyscallClass.FILE);
        assertThat(SyscallClass.of(Syscall.NEWFSTATAT.nr())).isEqualTo(SyscallClass.FILE);
        assertThat(SyscallClass.ofName("mmap")).isEqualTo(SyscallClass.MEMORY);
        assertThat(SyscallClass.ofName("brk")).isEqualTo(SyscallClass.MEMORY);
        assertThat(SyscallClass.of(Syscall.CLONE.nr())).isEqualTo(SyscallClass.PROCESS);
        assertThat(SyscallClass.of(Syscall.EXECVE.nr())).isEqualTo(SyscallClass.PROCESS);
        assertThat(SyscallClass.of(Syscall.EXIT_GROUP.nr())).isEqualTo(SyscallClass.PROCESS);
        assertThat(SyscallClass.of(Syscall.FUTEX.nr())).isEqualTo(SyscallClass.BLOCKING);
        assertThat(SyscallClass.of(Syscall.WAIT4.nr())).isEqualTo(SyscallClass.BLOCKING);
        assertThat(SyscallClass.of(Syscall.SCHED_YIELD.nr())).isEqualTo(SyscallClass.BLOCKING);
        assertThat(SyscallClass.ofName("CLOCK_NANOSLEEP")).isEqualTo(SyscallClass.BLOCKING);
        // numbers without a name, and numbers out of the table, are cheap
        assertThat(SyscallClass.of(511)).isEqualTo(SyscallClass.CHEAP);
        assertThat(SyscallClass.of(-1)).isEqualTo(SyscallClass.CHEAP);
        assertThat(SyscallClass.ofName("syscall_499")).isEqualTo(SyscallClass.CHEAP);
    }

    @Test
    void countsByClassSumToTheTotalAndNameEveryClass() {
        Map<String, Long> byName = new LinkedHashMap<>();
        byName.put("read", 10L);
        byName.put("write", 5L);
        byName.put("mmap", 3L);
        byName.put("clone", 2L);
        byName.put("futex", 7L);
        byName.put("getpid", 1L);
        Map<String, Long> byClass = SyscallClass.count(byName);
        assertThat(byClass).containsExactly(Map.entry("syscalls_cheap", 1L), Map.entry("syscalls_file", 15L),
                Map.entry("syscalls_memory", 3L), Map.entry("syscalls_process", 2L), Map.entry("syscalls_blocking", 7L));
        assertThat(byClass.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(28);
        assertThat(SyscallClass.count(Map.of())).hasSize(5).allSatisfy((k, v) -> assertThat(v).isZero());
    }

    @Test
    void everyNamedCallIsInExactlyOneClass() {
        int named = 0;
        for (int nr = 0; nr < Syscall.TABLE_SIZE; nr++) {
            String name = SyscallNames.name(nr);
            if (!name.startsWith("syscall_")) {
                named++;
                assertThat(SyscallClass.of(nr)).as(name).isEqualTo(SyscallClass.ofName(name));
            }
        }
        assertThat(named).isGreaterThan(300);
    }
}
