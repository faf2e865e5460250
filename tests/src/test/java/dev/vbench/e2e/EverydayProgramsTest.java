package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Programs that behaved differently under vbench than natively (issue 14): each runs natively and
 * under both counters, and must give the native output, the same on every run.
 */
class EverydayProgramsTest {
    /** Virtual ids far above the host's pid_max: a real id that reached the guest could not pass for a virtual one. */
    private static final List<String> DISJOINT_IDS = List.of("-Dvbench.virtualPidBase=4200000");

    private static RunResult vbench(List<String> jvm, String counter, List<String> guest) {
        List<String> args = new ArrayList<>(List.of("run", "--counter", counter, "--"));
        args.addAll(guest);
        return Processes.run(Vbench.command(jvm, args), Map.of(), null, Duration.ofSeconds(120));
    }

    /** Natively, then twice under {@code counter}: the same exit status and output every time. */
    private static RunResult sameAsNative(List<String> jvm, String counter, List<String> guest) {
        RunResult nat = Native.run(guest);
        RunResult first = vbench(jvm, counter, guest);
        RunResult second = vbench(jvm, counter, guest);
        assertThat(first.exitCode()).as(first.describe()).isEqualTo(nat.exitCode());
        assertThat(first.stdout()).as("under vbench as natively\n%s", first).isEqualTo(nat.stdout());
        assertThat(second.stdout()).as("the same on a second run").isEqualTo(first.stdout());
        return first;
    }

    /**
     * glibc keeps the tid the kernel writes at clone (CLONE_PARENT_SETTID, CLONE_CHILD_SETTID) and
     * uses it for pthread_kill, raise in a forked child and PI mutexes; under vbench it must be the
     * virtual tid, and a signal's sender the virtual pid.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void threadsSignalEachOtherAndLockPriorityInheritanceMutexes(String counter) {
        RunResult r = sameAsNative(DISJOINT_IDS, counter, List.of(Guests.path("everyday/tidsignal")));
        assertThat(r.stdout()).contains("pthread_kill: ok", "waiter got signal 15 from pid self",
                "contender locked the PI mutex: ok", "child raise: ok, handler ran: yes");
    }

    /** A thread that calls exit() ends the process at once, whatever the others wait for. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void aThreadCallingExitEndsTheRunCleanly(String counter) {
        for (String blocked : List.of("0", "3")) {
            RunResult r = sameAsNative(List.of(), counter, List.of(Guests.path("everyday/threadexit"), blocked));
            assertThat(r.stdout()).isEqualTo("exiting\n");
        }
    }

    /**
     * The thread-ring benchmark: the main thread leaves with pthread_exit, 503 threads pass a token,
     * and one of them ends the process with exit().
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void theThreadRingOf503ThreadsFinishes(String counter) {
        RunResult r = sameAsNative(List.of(), counter, List.of(Guests.path("everyday/ring"), "503", "1000"));
        assertThat(r.stdout()).isEqualTo("498\n");
    }

    /** Under Valgrind a process may have --max-threads threads alive; past that vbench says which limit was met. */
    @org.junit.jupiter.api.Test
    void theValgrindThreadLimitIsNamedWhenAGuestReachesIt() {
        List<String> args = List.of("run", "--counter", "valgrind", "--max-threads", "100", "--summary", "--",
                Guests.path("everyday/ring"), "200", "1000");
        RunResult r = Processes.run(Vbench.command(List.of(), args), Map.of(), null, Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.stderr()).as(r.describe()).contains("reached the limit of 100 threads alive at once under Valgrind")
                .contains("--max-threads");
    }

    /**
     * A descriptor number reused for a file after a directory listed on it was closed: seeks and
     * reads are the file's (binutils' nm and ar hit this on every object file).
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void aDescriptorReusedAfterADirectoryIsTheNewFiles(String counter) throws IOException {
        Path dir = Processes.scratch("reusefd");
        Files.writeString(dir.resolve("file"), "abcdefghij");
        RunResult r = sameAsNative(List.of(), counter,
                List.of(Guests.path("everyday/reusefd"), dir.toString(), dir.resolve("file").toString()));
        assertThat(r.stdout()).contains("same descriptor yes, first 'abcd', again 'abcd' (lseek 0), end 10");
    }

    @org.junit.jupiter.api.Test
    void nmReadsAnObjectFileWithoutComplaint() throws IOException {
        Path dir = Processes.scratch("nm");
        Files.writeString(dir.resolve("f.c"), "int f(void) { return 1; }\n");
        RunResult cc = Native.run(List.of("gcc", "-c", "-o", dir.resolve("f.o").toString(), dir.resolve("f.c").toString()));
        assertThat(cc.exitCode()).as(cc.describe()).isZero();
        RunResult r = sameAsNative(List.of(), "none", List.of("/usr/bin/nm", dir.resolve("f.o").toString()));
        assertThat(r.stdout()).contains("T f");
        assertThat(r.stderr()).doesNotContain("file too short");
    }

    /**
     * A poll, select or epoll_wait that times out on virtual time leaves the guest's buffers as the
     * kernel does at a timeout: fd sets emptied, revents 0, no time left (they were left stale).
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void pollSelectAndEpollTimeOutAsNatively(String counter) {
        List<String> guest = new ArrayList<>(List.of(Guests.path("everyday/polltimeout")));
        if (counter.equals("valgrind")) {
            guest.add("no-pwait2"); // Valgrind 3.19 answers epoll_pwait2 with ENOSYS
        }
        RunResult r = sameAsNative(List.of(), counter, guest);
        assertThat(r.stdout()).contains("select rc 0 isset 0 left 0.000000\n", "poll rc 0 revents 0\n");
    }

    /**
     * A thread other than the main one execs: the kernel reports the exec under the leader's tid.
     * vbench waited for the exec'ing thread to stop for ever (the run hung until its timeout).
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void aThreadThatIsNotTheMainOneExecs(String counter) {
        RunResult r = sameAsNative(List.of(), counter, List.of(Guests.path("everyday/threadexec")));
        assertThat(r.stdout()).isEqualTo("exec from a thread\n");
    }

    /**
     * vbench started under {@code nice} (as a CI job may be): the guest still sees nice 0 in
     * getpriority, ps and /proc/PID/stat, and what it sets itself, relative to that.
     */
    @org.junit.jupiter.api.Test
    void theNiceValueVbenchRunsAtDoesNotShow() throws IOException {
        // nice -n 5 on top of a high nice value would be clamped at 19 and change what the guest can set
        String stat = Files.readString(Path.of("/proc/self/stat"));
        int ownNice = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        org.junit.jupiter.api.Assumptions.assumeTrue(ownNice <= 10, "the tests run at nice " + ownNice);
        List<String> args = List.of("run", "--counter", "none", "--", "/bin/sh", "-c",
                "nice; nice -n 3 nice; ps -o ni,stat,comm; cut -d' ' -f18,19 /proc/self/stat");
        List<String> niced = new ArrayList<>(List.of("nice", "-n", "5"));
        niced.addAll(Vbench.command(List.of(), args));
        RunResult plain = Processes.run(Vbench.command(List.of(), args), Map.of(), null, Duration.ofSeconds(60));
        RunResult underNice = Processes.run(niced, Map.of(), null, Duration.ofSeconds(60));
        assertThat(plain.exitCode()).as(plain.describe()).isZero();
        assertThat(plain.stdout()).isEqualTo("0\n3\n NI STAT COMMAND\n  0 R    sh\n  0 R    ps\n20 0\n");
        assertThat(underNice.stdout()).as(underNice.describe()).isEqualTo(plain.stdout());
    }

    /** rdtscp reads virtual time under Valgrind too (it once died of SIGILL there). */
    @org.junit.jupiter.api.Test
    void rdtscpRunsUnderValgrind() {
        RunResult r = sameAsNative(List.of(), "valgrind", List.of(Guests.path("everyday/rdtscp")));
        assertThat(r.stdout()).isEqualTo("ok 1\n");
    }

    /**
     * A result file written into the directory the guest lists would be new input to the next run:
     * vbench hides its own output from the guest, says so, and records the inputs it read.
     */
    @org.junit.jupiter.api.Test
    void aResultFileInTheDirectoryTheGuestListsDoesNotChangeTheNextRun() throws IOException {
        Path dir = Processes.scratch("listed");
        Files.writeString(dir.resolve("input.txt"), "data\n");
        List<String> args = List.of("run", "--counter", "none", "--json", "r.json", "--", "/bin/ls", "-a");
        List<String> outputs = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RunResult r = Processes.run(Vbench.command(List.of(), args), Map.of(), dir, Duration.ofSeconds(60));
            assertThat(r.exitCode()).as(r.describe()).isZero();
            outputs.add(r.stdout());
            var b = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("r.json").toFile())
                    .path("benchmarks").path(0);
            digests.add(b.path("inputs").path("digest").asText());
            if (i > 0) {
                assertThat(b.path("notes").toString()).contains("r.json lies in a directory the guest listed");
            }
            assertThat(b.path("determinism_check").asText()).startsWith("one run:");
        }
        assertThat(outputs).as("ls never shows r.json").allSatisfy(o -> assertThat(o).doesNotContain("r.json"));
        assertThat(outputs).containsOnly(outputs.get(0));
        assertThat(digests).as("the same inputs on every run, the first included").containsOnly(digests.get(0));
        assertThat(digests.get(0)).isNotEmpty();
    }

    /** ps reads /proc: the guest's own processes under their virtual pids, as in a pid namespace. */
    @org.junit.jupiter.api.Test
    void psShowsTheGuestsProcessesUnderVirtualPids() {
        List<String> guest = List.of("/bin/sh", "-c", "ps -o pid,ppid,stat,comm; cat /proc/self/stat | cut -d' ' -f1-6");
        RunResult first = vbench(List.of(), "none", guest);
        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(first.stdout()).isEqualTo("  PID  PPID STAT COMMAND\n 1000     1 R    sh\n 1001  1000 R    ps\n"
                + "1002 (cat) R 1000 1 1\n");
        assertThat(vbench(List.of(), "none", guest).stdout()).isEqualTo(first.stdout());
    }

    /**
     * clone(CLONE_VM | SIGCHLD), a process sharing its parent's memory, runs under --counter none;
     * Valgrind cannot run it, and vbench says so in one line of its own with what to use instead.
     */
    @org.junit.jupiter.api.Test
    void aProcessSharingItsParentsMemoryRunsWithoutValgrindAndValgrindsRefusalIsExplained() {
        List<String> guest = List.of(Guests.path("everyday/clonevm"));
        RunResult none = sameAsNative(List.of(), "none", guest);
        assertThat(none.stdout()).isEqualTo("shared 42\n");
        RunResult valgrind = vbench(List.of(), "valgrind", guest);
        assertThat(valgrind.exitCode()).as(valgrind.describe()).isNotZero();
        assertThat(valgrind.stderr()).as(valgrind.describe())
                .contains("vbench: the program called clone() with flags 0x111: CLONE_VM without CLONE_THREAD")
                .contains("run it with --counter none");
    }
}
