package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guests that do what a benchmark should not (issue 16): each gets what the kernel would give it,
 * or a clear refusal, and vbench neither crashes nor hangs nor leaves a process behind.
 */
class MisbehavingGuestsTest {
    private static final String GUEST = Guests.path("misbehave/misbehave");

    private static RunResult vbench(List<String> jvm, String counter, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--counter", counter, "--summary"));
        args.addAll(List.of(more));
        return Processes.run(Vbench.command(jvm, args), Map.of(), null, Duration.ofSeconds(120));
    }

    private static RunResult guest(String counter, String mode) {
        return vbench(List.of(), counter, "--", GUEST, mode);
    }

    /** Bad pointers to the calls vbench answers itself fail with EFAULT, as the kernel's do. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void badPointersGiveEfaultAsNatively(String counter) {
        RunResult nat = Native.run(List.of(GUEST, "efault"));
        RunResult r = guest(counter, "efault");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).as(r.describe()).isEqualTo(nat.stdout()).contains("clock_gettime: Bad address",
                "getrandom: Bad address", "uname: Bad address", "getdents64: Bad address");
    }

    /** ptrace fails with EPERM (every guest process has vbench as its tracer), and the result says so. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void ptraceIsRefusedWithANote(String counter) {
        RunResult r = guest(counter, "ptrace");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo("traceme: Operation not permitted\nattach to child: Operation not permitted\n");
        assertThat(r.stderr()).contains("the guest called ptrace (PTRACE_TRACEME), which fails with EPERM under vbench");
    }

    /**
     * A guest's own seccomp filter works as natively under --counter none (the kernel applies the
     * strictest answer of both filters); Valgrind does not implement seccomp, so there it fails with ENOSYS.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void aGuestsOwnSeccompFilter(String counter) {
        RunResult r = guest(counter, "seccomp");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        if (counter.equals("none")) {
            assertThat(r.stdout()).as(r.describe()).isEqualTo(Native.run(List.of(GUEST, "seccomp")).stdout())
                    .contains("getppid: Permission denied", "getpid: ok");
        } else {
            assertThat(r.stdout()).as(r.describe()).contains("own filter: Function not implemented", "getpid: ok");
        }
    }

    /**
     * A set-user-ID program runs with the caller's ids (no_new_privs, which the filter needs, makes
     * the kernel ignore the bit), and the result says so instead of leaving a difference unexplained.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none"})
    void aSetUidProgramRunsWithTheCallersIdsAndTheResultSaysSo(String counter) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "making a program set-user-ID for another user needs root");
        java.nio.file.Path program = Processes.scratch("setuid").resolve("suid-true");
        java.nio.file.Files.copy(java.nio.file.Path.of("/bin/true"), program);
        RunResult chown = Native.run(List.of("chown", "65534:65534", program.toString()));
        assertThat(chown.exitCode()).as(chown.describe()).isZero();
        RunResult chmod = Native.run(List.of("chmod", "4755", program.toString()));
        assertThat(chmod.exitCode()).as(chmod.describe()).isZero();

        RunResult r = vbench(List.of(), counter, "--", program.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).contains(program + " is set-user-ID: under vbench it runs with the caller's ids");
        RunResult plain = vbench(List.of(), counter, "--", "/bin/true");
        assertThat(plain.stderr()).as("an ordinary program gets no such note").doesNotContain("set-user-ID");
    }

    /** process_vm_readv takes the guest's virtual pid like every other call. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void processVmReadvOfItselfByItsVirtualPid(String counter) {
        RunResult r = guest(counter, "vmread");
        assertThat(r.stdout()).as(r.describe()).isEqualTo("read 17 bytes: in my own memory\n");
    }

    /** A fork bomb stops at --max-processes: its forks beyond fail with EAGAIN, and vbench says so. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void aForkBombStopsAtTheProcessLimit(String counter) {
        String marker = "bomb-" + counter + "-" + ProcessHandle.current().pid();
        // the marker, an argument the guest ignores, names its processes for the check below
        RunResult r = vbench(List.of(), counter, "--max-processes", "20", "--", GUEST, "forkbomb", marker);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo("forked 19, then: Resource temporarily unavailable\n");
        assertThat(r.stderr()).contains("the guest tried to have more than 20 processes alive at once; "
                + "its forks beyond failed with EAGAIN (--max-processes)");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)))
                .as("no guest outlives the run").isEmpty();
    }

    /**
     * A guest that writes hundreds of megabytes under --verify: the output is held on disk, and two
     * runs that differ only at the end of one 100 MB line are compared in a JVM of 64 MiB.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none"})
    void aHugeOutputCostsNoMemory(String counter) {
        java.nio.file.Path dir = Processes.scratch("huge");
        List<String> args = List.of("run", "--counter", counter, "--verify", "--", "/bin/sh", "-c",
                "head -c 100000000 /dev/zero | tr '\\0' a; n=$(cat runs 2>/dev/null); echo $((n + 1)) | tee runs");
        RunResult r = Processes.run(Vbench.command(List.of("-Xmx64m"), args), Map.of(), dir, Duration.ofSeconds(300));
        assertThat(r.exitCode()).as("the two runs differ: exit 1\n%s", r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).as(r.stderr()).contains("stdout differs first at line 1, column 100000001: '...aaaa")
                .contains("a1' vs '...").doesNotContain("OutOfMemoryError");
        assertThat(r.stdout().length()).isEqualTo(100_000_002);
    }
}
