package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.CLONE;
import static dev.vbench.core.syscalls.Syscall.FORK;
import static dev.vbench.core.syscalls.Syscall.GETPGID;
import static dev.vbench.core.syscalls.Syscall.GETPGRP;
import static dev.vbench.core.syscalls.Syscall.GETPID;
import static dev.vbench.core.syscalls.Syscall.GETPPID;
import static dev.vbench.core.syscalls.Syscall.GETPRIORITY;
import static dev.vbench.core.syscalls.Syscall.SETPRIORITY;
import static dev.vbench.core.syscalls.Syscall.GETSID;
import static dev.vbench.core.syscalls.Syscall.GETTID;
import static dev.vbench.core.syscalls.Syscall.KILL;
import static dev.vbench.core.syscalls.Syscall.PIDFD_OPEN;
import static dev.vbench.core.syscalls.Syscall.PRLIMIT64;
import static dev.vbench.core.syscalls.Syscall.RT_SIGQUEUEINFO;
import static dev.vbench.core.syscalls.Syscall.RT_TGSIGQUEUEINFO;
import static dev.vbench.core.syscalls.Syscall.SCHED_GETSCHEDULER;
import static dev.vbench.core.syscalls.Syscall.SETPGID;
import static dev.vbench.core.syscalls.Syscall.SET_TID_ADDRESS;
import static dev.vbench.core.syscalls.Syscall.TGKILL;
import static dev.vbench.core.syscalls.Syscall.TKILL;
import static dev.vbench.core.syscalls.Syscall.VFORK;
import static dev.vbench.core.syscalls.Syscall.WAIT4;
import static dev.vbench.core.syscalls.Syscall.WAITID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.handlers.FakeHostProcesses.Kill;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.syscalls.Syscall;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Virtual pids and tids in every call that returns or takes one; kill's group and broadcast forms
 * answered over guest processes only; wait4/waitid parking and their translated results.
 *
 * <p>Unless a test builds its own table, real ids are those of {@link TestGuests} (virtual + 1):
 * a is 1000 (real 1001), b a thread of it 1001 (real 1002), c a child process 1002 (real 1003).
 */
class ProcessHandlerTest {
    private static final int SIGUSR1 = 10, SIGTERM = 15;
    private static final int WNOHANG = 1, WSTOPPED = 2, WEXITED = 4, WNOWAIT = 0x01000000;
    private static final int P_ALL = 0, P_PID = 1, P_PGID = 2;

    private TestGuests world;
    private FakeHostProcesses host;
    private FakeGuest guest;
    private ProcessHandler process;
    private GuestThread a, b, c;
    private FakeMemory memory;
    private final List<String> problems = new java.util.ArrayList<>();
    private final RunReport report = new RunReport() {
        @Override
        public void note(String text) {}

        @Override
        public void problem(String text) {
            problems.add(text);
        }
    };

    @BeforeEach
    void setUp() {
        world = new TestGuests();
        a = world.root();
        b = world.threadIn(a.process());
        c = world.childProcess(a);
        start();
    }

    private void start() {
        host = new FakeHostProcesses();
        guest = new FakeGuest(world);
        process = new ProcessHandler(world.tree(), host, report);
        memory = guest.memoryOf(world.root().process());
    }

    private Disposition call(GuestThread t, Syscall s, long... args) {
        return guest.call(t, s, args).enter(process);
    }

    private long emulated(GuestThread t, Syscall s, long... args) {
        assertThat(call(t, s, args)).as("%s answered by the supervisor", s).isEqualTo(Disposition.EMULATED);
        return guest.returned();
    }

    /** The call goes to the kernel at its exit hook; returns what the guest sees when the kernel returned {@code kernel}. */
    private long atExit(GuestThread t, long kernel, Syscall s, long... args) {
        assertThat(call(t, s, args)).as("%s", s).isEqualTo(Disposition.AT_EXIT);
        guest.exit(process, kernel);
        return guest.returned();
    }

    private void exits(GuestThread child) {
        world.tree().unregister(child);
        child.process().parent().childExited(child.tid());
    }

    // --- ids the guest asks for ---

    @Test
    void getpidGettidAndGetppidAnswerVirtualIds() {
        assertThat(emulated(a, GETPID)).isEqualTo(1000);
        assertThat(emulated(a, GETTID)).isEqualTo(1000);
        assertThat(emulated(a, GETPPID)).as("the root's parent is outside").isEqualTo(1);
        assertThat(emulated(b, GETPID)).isEqualTo(1000);
        assertThat(emulated(b, GETTID)).isEqualTo(1001);
        assertThat(emulated(b, GETPPID)).isEqualTo(1);
        assertThat(emulated(c, GETPID)).isEqualTo(1002);
        assertThat(emulated(c, GETTID)).isEqualTo(1002);
        assertThat(emulated(c, GETPPID)).isEqualTo(1000);
    }

    @Test
    void anOrphanSeesItsParentAsOne() {
        GuestThread grandchild = world.childProcess(c);
        exits(c);
        assertThat(emulated(grandchild, GETPPID)).isEqualTo(1);
    }

    @Test
    void callsReturningAnIdTranslateTheKernelsRealIdAtExit() {
        GuestThread d = world.threadIn(a.process()); // the clone's child, registered at its clone event
        assertThat(atExit(a, d.tid(), CLONE, 0x3d0f00, 0, 0, 0, 0)).isEqualTo(d.vtid());
        assertThat(atExit(a, c.tid(), FORK)).isEqualTo(1002);
        assertThat(atExit(a, c.tid(), VFORK)).isEqualTo(1002);
        assertThat(atExit(c, 0, FORK)).as("the child's side").isZero();
        assertThat(atExit(a, -Errno.ENOMEM, CLONE, 0, 0, 0, 0, 0)).as("an error").isEqualTo(-Errno.ENOMEM);
    }

    @Test
    void processGroupsAndSessionsOutsideTheGuestReadAsOne() {
        assertThat(atExit(a, FakeHostProcesses.OWN_GROUP, GETPGRP)).isEqualTo(1);
        assertThat(atExit(a, FakeHostProcesses.OWN_GROUP, GETSID, 0)).isEqualTo(1);
        assertThat(atExit(c, c.tid(), GETPGRP)).as("c leads its own group").isEqualTo(1002);
    }

    @Test
    void getpgidAndGetsidTakeAVirtualPid() {
        assertThat(call(a, GETPGID, 1002)).isEqualTo(Disposition.AT_EXIT);
        assertThat(guest.arg(0)).isEqualTo(c.tid());
        assertThat(emulated(a, GETPGID, 4242)).isEqualTo(-Errno.ESRCH);
        assertThat(emulated(a, GETSID, c.tid())).as("a real pid is no guest's").isEqualTo(-Errno.ESRCH);
        assertThat(call(a, GETSID, 0)).isEqualTo(Disposition.AT_EXIT);
        assertThat(guest.arg(0)).isZero();
    }

    @Test
    void setTidAddressRecordsTheClearedWordAndReturnsTheVirtualTid() {
        assertThat(atExit(b, b.tid(), SET_TID_ADDRESS, 0x7f00_1230L)).isEqualTo(1001);
        assertThat(b.clearChildTid()).isEqualTo(0x7f00_1230L);
        assertThat(a.clearChildTid()).isZero();
    }

    // --- calls that take a pid ---

    @Test
    void pidArgumentsAreTranslatedToRealOnesAndAnIdTheGuestNeverHadIsEsrch() {
        for (Syscall s : new Syscall[] {SCHED_GETSCHEDULER, PRLIMIT64, PIDFD_OPEN, RT_SIGQUEUEINFO}) {
            assertThat(call(a, s, 1002, 0, 0, 0)).as("%s", s).isEqualTo(Disposition.PASS);
            assertThat(guest.arg(0)).isEqualTo(c.tid());
            assertThat(call(a, s, 0, 0, 0, 0)).as("%s of 0: the caller", s).isEqualTo(Disposition.PASS);
            assertThat(guest.arg(0)).isZero();
            assertThat(emulated(a, s, c.tid(), 0, 0, 0)).as("%s of a real pid", s).isEqualTo(-Errno.ESRCH);
        }
        assertThat(call(a, RT_TGSIGQUEUEINFO, 1000, 1001, SIGUSR1, 0)).isEqualTo(Disposition.PASS);
        assertThat(new long[] {guest.arg(0), guest.arg(1)}).containsExactly(a.tid(), b.tid());
        assertThat(emulated(a, RT_TGSIGQUEUEINFO, 1000, 4242, SIGUSR1, 0)).isEqualTo(-Errno.ESRCH);
    }

    @Test
    void setpgidTranslatesBothIds() {
        assertThat(call(a, SETPGID, 1002, 1002)).isEqualTo(Disposition.PASS);
        assertThat(new long[] {guest.arg(0), guest.arg(1)}).containsExactly(c.tid(), c.tid());
        assertThat(call(c, SETPGID, 0, 0)).isEqualTo(Disposition.PASS);
        assertThat(new long[] {guest.arg(0), guest.arg(1)}).containsExactly(0, 0);
        assertThat(emulated(a, SETPGID, 1002, 4242)).isEqualTo(-Errno.ESRCH);
    }

    @Test
    void getpriorityOfAProcessTranslatesItsPid() {
        assertThat(call(a, GETPRIORITY, 0 /* PRIO_PROCESS */, 1002)).isEqualTo(Disposition.AT_EXIT);
        assertThat(guest.arg(1)).isEqualTo(c.tid());
        assertThat(emulated(a, GETPRIORITY, 0, 4242)).isEqualTo(-Errno.ESRCH);
        assertThat(call(a, GETPRIORITY, 2 /* PRIO_USER */, 4242)).as("a uid, not a pid").isEqualTo(Disposition.AT_EXIT);
    }

    /** Nice values read as if vbench ran at nice 0, whatever nice value it was started with. */
    @Test
    void niceValuesAreRelativeToTheOneVbenchRunsAt() {
        long raw = 20 - Niceness.BASE; // the kernel's getpriority result at vbench's own nice value
        assertThat(atExit(a, raw, GETPRIORITY, 0, 0)).as("20 - 0").isEqualTo(20);
        assertThat(call(a, SETPRIORITY, 0, 0, 4)).isEqualTo(Disposition.PASS);
        assertThat(guest.arg(2)).isEqualTo(Math.min(19, Niceness.BASE + 4));
        assertThat(atExit(a, -Errno.EACCES, GETPRIORITY, 0, 0)).as("an error stays").isEqualTo(-Errno.EACCES);
    }

    // --- kill, tkill, tgkill ---

    @Test
    void killOfAGuestPidSignalsItsRealPidAndMarksEveryThreadOfThatProcess() {
        assertThat(call(a, KILL, 1002, SIGUSR1)).isEqualTo(Disposition.PASS);
        assertThat(guest.arg(0)).isEqualTo(c.tid());
        assertThat(c.incomingSignals()).isEqualTo(SignalMasks.bit(SIGUSR1));
        assertThat(a.incomingSignals()).isZero();

        assertThat(call(c, KILL, 1001, SIGTERM)).as("a thread's id names its process").isEqualTo(Disposition.PASS);
        assertThat(guest.arg(0)).isEqualTo(b.tid());
        assertThat(a.incomingSignals()).isEqualTo(SignalMasks.bit(SIGTERM));
        assertThat(b.incomingSignals()).isEqualTo(SignalMasks.bit(SIGTERM));
        assertThat(host.kills).as("the kernel sends it").isEmpty();
    }

    @Test
    void killOfAPidTheGuestNeverHadIsEsrchEvenIfItIsARealGuestPid() {
        assertThat(emulated(a, KILL, 4242, SIGTERM)).isEqualTo(-Errno.ESRCH);
        assertThat(emulated(a, KILL, c.tid(), SIGTERM)).as("1003 is c's real pid, no virtual one")
                .isEqualTo(-Errno.ESRCH);
        assertThat(c.incomingSignals()).isZero();
    }

    @Test
    void killOfAnExitedChildNotYetWaitedForStillReachesItsZombie() {
        exits(c);
        assertThat(call(a, KILL, 1002, 0)).isEqualTo(Disposition.PASS);
        assertThat(guest.arg(0)).isEqualTo(c.tid());
    }

    @Test
    void killOfAChildThatWasWaitedForIsEsrch() {
        exits(c);
        assertThat(atExit(a, c.tid(), WAIT4, -1, 0, 0, 0)).isEqualTo(1002);
        assertThat(emulated(a, KILL, 1002, SIGTERM)).isEqualTo(-Errno.ESRCH);
    }

    @Test
    void tkillAndTgkillTranslateTheTidAndMarkOnlyThatThread() {
        assertThat(call(a, TKILL, 1001, SIGUSR1)).isEqualTo(Disposition.PASS);
        assertThat(guest.arg(0)).isEqualTo(b.tid());
        assertThat(b.incomingSignals()).isEqualTo(SignalMasks.bit(SIGUSR1));
        assertThat(a.incomingSignals()).isZero();

        assertThat(call(c, TGKILL, 1000, 1000, SIGTERM)).isEqualTo(Disposition.PASS);
        assertThat(new long[] {guest.arg(0), guest.arg(1)}).containsExactly(a.tid(), a.tid());
        assertThat(a.incomingSignals()).isEqualTo(SignalMasks.bit(SIGTERM));
        assertThat(b.incomingSignals()).isEqualTo(SignalMasks.bit(SIGUSR1));

        assertThat(emulated(a, TKILL, 4242, SIGUSR1)).isEqualTo(-Errno.ESRCH);
        assertThat(emulated(a, TGKILL, 4242, 1001, SIGUSR1)).isEqualTo(-Errno.ESRCH);
        assertThat(emulated(a, TGKILL, 1000, 4242, SIGUSR1)).isEqualTo(-Errno.ESRCH);
    }

    /** A table whose real pids run opposite to the virtual ones, so an order by real pid shows. */
    private GuestThread[] reversedTable() {
        world = new TestGuests();
        GuestThread root = world.tree().createRoot(5000);
        GuestThread p1 = world.tree().createChild(root, 4000, false);
        GuestThread p2 = world.tree().createChild(root, 3000, false);
        GuestThread p3 = world.tree().createChild(p2, 2000, false);
        world.tree().createChild(p3, 1500, true); // a second thread of p3: signalled once, with its process
        start();
        return new GuestThread[] {root, p1, p2, p3};
    }

    @Test
    void killOfEveryoneSignalsEveryOtherGuestProcessInVirtualPidOrderAndNothingOutside() {
        GuestThread[] p = reversedTable();
        assertThat(emulated(p[1], KILL, -1, SIGTERM)).isZero();
        assertThat(host.kills).containsExactly(new Kill(5000, SIGTERM), new Kill(3000, SIGTERM),
                new Kill(2000, SIGTERM));
        assertThat(p[3].process().threads()).allSatisfy(t ->
                assertThat(t.incomingSignals()).isEqualTo(SignalMasks.bit(SIGTERM)));
        assertThat(p[1].incomingSignals()).as("not the caller").isZero();
    }

    @Test
    void killOfEveryoneIsEsrchWhenNoOtherProcessCouldBeSignalled() {
        world = new TestGuests();
        GuestThread lonely = world.root();
        start();
        assertThat(emulated(lonely, KILL, -1, SIGTERM)).isEqualTo(-Errno.ESRCH);

        GuestThread[] p = reversedTable();
        for (int real : new int[] {5000, 4000, 3000, 2000}) {
            host.exited(real);
        }
        assertThat(emulated(p[0], KILL, -1, SIGTERM)).isEqualTo(-Errno.ESRCH);
    }

    @Test
    void killOfTheCallersGroupWhichIsVbenchsSignalsOnlyTheGuestsInItInVirtualPidOrder() {
        GuestThread[] p = reversedTable();
        host.setGroup(3000, 3000); // p2 made its own group
        assertThat(emulated(p[0], KILL, 0, SIGUSR1)).isZero();
        assertThat(host.kills).containsExactly(new Kill(5000, SIGUSR1), new Kill(4000, SIGUSR1),
                new Kill(2000, SIGUSR1));
        assertThat(p[0].incomingSignals()).as("the caller is in its group").isEqualTo(SignalMasks.bit(SIGUSR1));
        assertThat(p[2].incomingSignals()).isZero();
    }

    @Test
    void killOfTheCallersGroupWhenItHasItsOwnGoesToTheKernelForThatGroup() {
        GuestThread[] p = reversedTable();
        host.setGroup(3000, 3000);
        assertThat(call(p[2], KILL, 0, SIGUSR1)).isEqualTo(Disposition.PASS);
        assertThat(guest.arg(0)).isEqualTo(-3000);
        assertThat(host.kills).isEmpty();
    }

    @Test
    void killOfAGroupNamedByAGuestPidTranslatesItAndAnUnknownGroupIsEsrch() {
        GuestThread[] p = reversedTable();
        assertThat(call(p[0], KILL, -1002, SIGTERM)).isEqualTo(Disposition.PASS);
        assertThat(guest.arg(0)).isEqualTo(-3000);
        assertThat(emulated(p[0], KILL, -4242, SIGTERM)).isEqualTo(-Errno.ESRCH);
        assertThat(emulated(p[0], KILL, -FakeHostProcesses.OWN_GROUP, SIGTERM))
                .as("vbench's own group by its real number").isEqualTo(-Errno.ESRCH);
    }

    @Test
    void killOfAGroupWhoseRealIdIsVbenchsOwnGroupSignalsOnlyGuests() {
        world = new TestGuests();
        GuestThread root = world.tree().createRoot(5000);
        GuestThread leader = world.tree().createChild(root, FakeHostProcesses.OWN_GROUP, false);
        start();
        assertThat(emulated(root, KILL, -leader.vtid(), SIGTERM)).isZero();
        assertThat(host.kills).containsExactly(new Kill(5000, SIGTERM), new Kill(FakeHostProcesses.OWN_GROUP, SIGTERM));
    }

    // --- wait4, waitid ---

    @Test
    void wait4ParksWhileChildrenLiveAndNoneHasExited() {
        assertThat(call(a, WAIT4, -1, 0, 0, 0)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Child(-1, Wait.NEVER));
        assertThat(guest.exitHookWanted()).as("its result is translated when the kernel runs it").isTrue();

        assertThat(call(a, WAIT4, 1002, 0, 0, 0)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Child(c.tid(), Wait.NEVER));
        assertThat(guest.arg(0)).isEqualTo(c.tid());

        assertThat(call(a, WAIT4, -1002, 0, 0, 0)).as("a process group").isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Child(-c.tid(), Wait.NEVER));
    }

    @Test
    void wait4GoesToTheKernelWhenItCannotBlock() {
        assertThat(call(a, WAIT4, -1, 0, WNOHANG, 0)).as("WNOHANG").isEqualTo(Disposition.AT_EXIT);
        assertThat(call(c, WAIT4, -1, 0, 0, 0)).as("no children: ECHILD").isEqualTo(Disposition.AT_EXIT);
        exits(c);
        assertThat(call(a, WAIT4, -1, 0, 0, 0)).as("an exited child").isEqualTo(Disposition.AT_EXIT);
        assertThat(emulated(a, WAIT4, 4242, 0, 0, 0)).isEqualTo(-Errno.ECHILD);
    }

    @Test
    void wait4ResultIsTheVirtualPidOfTheReapedChildAndItsRusageIsZero() {
        exits(c);
        long status = memory.allocate(4);
        long rusage = memory.allocate(144);
        byte[] ff = new byte[144];
        Arrays.fill(ff, (byte) 0xff);
        memory.write(rusage, ff, 0, 144);
        memory.writeInt(status, 0x0300); // exit code 3, as the kernel wrote it

        assertThat(atExit(a, c.tid(), WAIT4, -1, status, 0, rusage)).isEqualTo(1002);
        assertThat(memory.readInt(status)).as("the status stays").isEqualTo(0x0300);
        byte[] r = new byte[144];
        memory.readFully(rusage, r, 0, 144);
        assertThat(r).containsOnly(0);
        assertThat(a.process().hasExitedChild(-1)).as("reaped").isFalse();

        assertThat(atExit(a, 0, WAIT4, -1, 0, WNOHANG, 0)).as("WNOHANG, none ready").isZero();
        assertThat(atExit(a, -Errno.ECHILD, WAIT4, -1, 0, 0, 0)).isEqualTo(-Errno.ECHILD);
    }

    @Test
    void waitidTranslatesItsIdByTypeAndParksForExits() {
        assertThat(call(a, WAITID, P_PID, 1002, 0, WEXITED, 0)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.arg(1)).isEqualTo(c.tid());
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Child(c.tid(), Wait.NEVER));
        assertThat(guest.exitHookWanted()).isTrue();

        assertThat(call(a, WAITID, P_PGID, 1002, 0, WEXITED, 0)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.arg(1)).isEqualTo(c.tid());
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Child(-1, Wait.NEVER));

        assertThat(call(a, WAITID, P_ALL, 0, 0, WEXITED, 0)).isEqualTo(Disposition.BLOCK);
        assertThat(emulated(a, WAITID, P_PID, 4242, 0, WEXITED, 0)).isEqualTo(-Errno.ECHILD);
        assertThat(emulated(a, WAITID, P_PGID, 4242, 0, WEXITED, 0)).isEqualTo(-Errno.ECHILD);
        assertThat(call(a, WAITID, P_ALL, 0, 0, WEXITED | WNOHANG, 0)).isEqualTo(Disposition.AT_EXIT);
        assertThat(call(a, WAITID, P_ALL, 0, 0, WSTOPPED, 0)).as("stops are the kernel's").isEqualTo(Disposition.AT_EXIT);
    }

    /** A siginfo_t as the kernel fills it for a child's exit. */
    private long childSiginfo(int realPid) {
        long info = memory.allocate(128);
        byte[] b = new byte[48];
        Bytes.putInt(b, 0, 17);        // si_signo SIGCHLD
        Bytes.putInt(b, 8, 1);         // si_code CLD_EXITED
        Bytes.putInt(b, 16, realPid);  // si_pid
        Bytes.putInt(b, 20, 4321);     // si_uid, the host's
        Bytes.putInt(b, 24, 3);        // si_status
        Bytes.putLong(b, 32, 77);      // si_utime
        Bytes.putLong(b, 40, 88);      // si_stime
        memory.write(info, b, 0, b.length);
        return info;
    }

    @Test
    void waitidResultCarriesTheVirtualPidTheGuestsUidAndNoCpuTimes() {
        exits(c);
        long info = childSiginfo(c.tid());
        long rusage = memory.allocate(144);
        memory.writeLong(rusage, -1);
        assertThat(atExit(a, 0, WAITID, P_ALL, 0, info, WEXITED, rusage)).isZero();
        assertThat(memory.readInt(info)).isEqualTo(17);
        assertThat(memory.readInt(info + 16)).as("si_pid").isEqualTo(1002);
        assertThat(memory.readInt(info + 20)).as("si_uid").isZero();
        assertThat(memory.readInt(info + 24)).as("si_status stays").isEqualTo(3);
        assertThat(memory.readLong(info + 32)).as("si_utime").isZero();
        assertThat(memory.readLong(info + 40)).as("si_stime").isZero();
        assertThat(memory.readLong(rusage)).isZero();
        assertThat(a.process().hasExitedChild(-1)).isFalse();
    }

    @Test
    void waitidWithWnowaitLeavesTheChildToBeWaitedForAgain() {
        exits(c);
        long info = childSiginfo(c.tid());
        atExit(a, 0, WAITID, P_ALL, 0, info, WEXITED | WNOWAIT, 0);
        assertThat(memory.readInt(info + 16)).isEqualTo(1002);
        assertThat(a.process().hasExitedChild(c.tid())).isTrue();
    }

    @Test
    void waitidWithNothingToReportLeavesTheSiginfoAlone() {
        long info = memory.allocate(128);
        memory.writeInt(info + 20, 4321);
        atExit(a, 0, WAITID, P_ALL, 0, info, WEXITED | WNOHANG, 0);
        assertThat(memory.readInt(info + 20)).as("si_pid 0: untouched").isEqualTo(4321);
    }

    @Test
    void aForkBeyondTheProcessLimitFailsWithEagainAndIsReported() {
        world = new TestGuests(RunConfig.of(List.of("/bin/true"), List.of()).withMaxProcesses(2));
        a = world.root();
        start();
        assertThat(call(a, FORK)).as("one process alive: the second may start").isEqualTo(Disposition.AT_EXIT);
        world.childProcess(a);
        assertThat(call(a, FORK)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EAGAIN);
        assertThat(call(a, CLONE, 0x11 /* SIGCHLD, a fork by clone */, 0, 0, 0, 0)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EAGAIN);
        assertThat(call(a, CLONE, 0x3d0f00 /* a thread */, 0, 0, 0, 0)).isEqualTo(Disposition.AT_EXIT);
        assertThat(problems).as("said at each refused fork; the run keeps it once").containsOnly("the guest tried to have more than 2 processes alive at once; "
                + "its forks beyond failed with EAGAIN (--max-processes)");
    }
}
