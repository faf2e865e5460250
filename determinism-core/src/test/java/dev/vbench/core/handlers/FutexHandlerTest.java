package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.FUTEX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The futex model, call by call, with the in-memory guest: no kernel involved. */
class FutexHandlerTest {
    private static final int WAIT = 0, WAKE = 1, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5, LOCK_PI = 6,
            UNLOCK_PI = 7, TRYLOCK_PI = 8, WAIT_BITSET = 9, WAKE_BITSET = 10, LOCK_PI2 = 13;
    private static final int PRIVATE = 128, CLOCK_REALTIME = 256;
    private static final int WAITERS = 0x80000000;

    /** The fake processes' pids may be real processes' on this host: their maps must not count. */
    private static final SharedFutexKeys NOTHING_SHARED = new SharedFutexKeys() {
        @Override
        long keyOf(int pid, long address) {
            return 0;
        }
    };

    private TestGuests world;
    private FakeGuest guest;
    private FutexHandler futex;
    private FakeMemory memory;
    private GuestThread a, b, c;
    private long word, word2;

    @BeforeEach
    void setUp() {
        world = new TestGuests();
        guest = new FakeGuest(world);
        futex = new FutexHandler(new TimeBase(world.tree()), NOTHING_SHARED);
        a = world.root();
        b = world.threadIn(a.process());
        c = world.threadIn(a.process());
        memory = guest.memoryOf(a.process());
        word = memory.allocate(4);
        word2 = memory.allocate(4);
    }

    private Disposition call(GuestThread t, int op, long... rest) {
        long[] args = new long[6];
        args[0] = word;
        args[1] = op;
        System.arraycopy(rest, 0, args, 2, rest.length);
        return guest.call(t, FUTEX, args).enter(futex);
    }

    @Test
    void aFutexInSharedMemoryIsOneFutexInEveryProcessUnlessItIsPrivate() {
        GuestThread d = world.childProcess(a);
        FakeMemory childMemory = guest.memoryOf(d.process());
        long childWord = childMemory.allocate(4); // another address, the same shared page
        SharedFutexKeys oneSharedWord = new SharedFutexKeys() {
            @Override
            long keyOf(int pid, long address) {
                boolean same = (pid == a.process().pid() && address == word) || (pid == d.process().pid() && address == childWord);
                return same ? SHARED | 42 : 0;
            }
        };
        futex = new FutexHandler(new TimeBase(world.tree()), oneSharedWord);
        memory.writeInt(word, 7);
        assertThat(call(a, WAIT, 7)).isEqualTo(Disposition.BLOCK);

        long[] args = {childWord, WAKE | PRIVATE, 1, 0, 0, 0};
        guest.call(d, FUTEX, args).enter(futex);
        assertThat(guest.returned()).as("a private wake is its own process's").isZero();
        assertThat(guest.completed).doesNotContainKey(a);

        args[1] = WAKE;
        guest.call(d, FUTEX, args).enter(futex);
        assertThat(guest.returned()).isEqualTo(1);
        assertThat(guest.completed).containsOnlyKeys(a);
    }

    @Test
    void sharedKeysComeFromTheMappingBehindTheAddress() {
        String maps = "00400000-00452000 r-xp 00000000 08:02 173521      /usr/bin/prog\n"
                + "7ffff7fb9000-7ffff7fbb000 rw-s 00000000 00:1a 4242        /dev/shm/sem.mp-x\n"
                + "7ffff7ff0000-7ffff7ff1000 rw-s 00001000 00:1a 4242        /dev/shm/sem.mp-x\n"
                + "7ffff7ff8000-7ffff7ff9000 rw-s 00000000 00:01 77          /dev/zero (deleted)\n"
                + "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0           [stack]\n";
        long semaphore = SharedFutexKeys.keyIn(maps, 0x7ffff7fba000L);
        assertThat(semaphore & SharedFutexKeys.SHARED).isNotZero();
        assertThat(SharedFutexKeys.keyIn(maps, 0x7ffff7ff0000L)).as("the same file offset, mapped elsewhere").isEqualTo(semaphore);
        assertThat(SharedFutexKeys.keyIn(maps, 0x7ffff7fba004L)).isNotEqualTo(semaphore);
        assertThat(SharedFutexKeys.keyIn(maps, 0x7ffff7ff8000L)).isNotZero().isNotEqualTo(semaphore);
        assertThat(SharedFutexKeys.keyIn(maps, 0x7ffffffde100L)).as("private memory").isZero();
        assertThat(SharedFutexKeys.keyIn(maps, 0x500000L)).as("not mapped").isZero();
        assertThat(SharedFutexKeys.keyIn(maps.strip(), 0x7ffff7ff8000L)).as("a last line with no newline")
                .isEqualTo(SharedFutexKeys.keyIn(maps, 0x7ffff7ff8000L));
        assertThat(SharedFutexKeys.keyIn(maps.replace("/dev/zero (deleted)\n", "/dev/zero (deleted)"), 0x7ffff7fba000L))
                .isEqualTo(semaphore);
        assertThat(SharedFutexKeys.keyIn("", 0x500000L)).isZero();
    }

    @Test
    void waitParksWhenTheWordHoldsTheExpectedValueAndFailsWithEagainOtherwise() {
        memory.writeInt(word, 5);
        assertThat(call(a, WAIT | PRIVATE, 4)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EAGAIN);

        assertThat(call(a, WAIT | PRIVATE, 5)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).isInstanceOfSatisfying(Wait.Futex.class, f -> {
            assertThat(f.address()).isEqualTo(word);
            assertThat(f.deadline()).isEqualTo(Wait.NEVER);
            assertThat(f.pi()).isFalse();
        });
    }

    @Test
    void wakeWakesAtMostNWaitersInTheOrderTheyStartedWaiting() {
        call(c, WAIT, 0);
        call(a, WAIT, 0);
        call(b, WAIT, 0);
        assertThat(call(b, WAKE, 2)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(2);
        assertThat(guest.completed).containsOnlyKeys(c, a).containsValue(0L);
        assertThat(guest.scheduler().parked()).containsExactly(b);
    }

    @Test
    void aWakeOnAnotherWordOrAnotherProcessWakesNobody() {
        call(a, WAIT, 0);
        GuestThread other = world.childProcess(b); // same address, other process: another futex
        guest.memoryOf(other.process()).map(word, 4);
        assertThat(guest.call(other, FUTEX, word, WAKE, 10).enter(futex)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isZero();
        assertThat(guest.call(b, FUTEX, word2, WAKE, 10).enter(futex)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isZero();
        assertThat(guest.scheduler().parked()).containsExactly(a);
    }

    @Test
    void aRelativeWaitTimesOutAfterItsDurationInVirtualTime() {
        world.clock().advance(1_000);
        long timeout = memory.allocateTimespec(2_500_000);
        call(a, WAIT, 0, timeout);
        assertThat(guest.blockedOn().deadline()).isEqualTo(1_000 + 2_500_000);
    }

    @Test
    void anAbsoluteBitsetWaitIsOnTheMonotonicClockUnlessTheRealtimeFlagIsSet() {
        long at = memory.allocateTimespec(TimeBase.BOOT_UPTIME_NANOS + 7_000);
        call(a, WAIT_BITSET, 0, at, 0, -1);
        assertThat(guest.blockedOn().deadline()).isEqualTo(7_000);

        long epoch = world.tree().config().epochNanos();
        long realtimeAt = memory.allocateTimespec(epoch + 9_000);
        call(b, WAIT_BITSET | CLOCK_REALTIME, 0, realtimeAt, 0, -1);
        assertThat(guest.blockedOn().deadline()).isEqualTo(9_000);
    }

    @Test
    void anInvalidTimeoutIsEinvalAndABadPointerEfault() {
        assertThat(call(a, WAIT, 0, memory.allocateTimespec(0, 1_000_000_000L))).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EINVAL);
        assertThat(guest.call(a, FUTEX, 0xdead0000L, WAIT, 0).enter(futex)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
    }

    @Test
    void bitsetsChooseWhomAWakeReaches() {
        call(a, WAIT_BITSET, 0, 0, 0, 0b01);
        call(b, WAIT_BITSET, 0, 0, 0, 0b10);
        call(c, WAKE_BITSET, 10, 0, 0, 0b10);
        assertThat(guest.returned()).isEqualTo(1);
        assertThat(guest.completed).containsOnlyKeys(b);
        assertThat(call(c, WAIT_BITSET, 0, 0, 0, 0)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).as("a zero bitset").isEqualTo(-Errno.EINVAL);
        assertThat(call(c, WAKE_BITSET, 1, 0, 0, 0)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void requeueWakesSomeAndMovesOthersToTheSecondWordKeepingTheirOrder() {
        call(a, WAIT, 0);
        call(b, WAIT, 0);
        call(c, WAIT, 0);
        GuestThread d = world.threadIn(a.process());
        // wake 1, move at most 1: a wakes, b moves, c stays
        assertThat(guest.call(d, FUTEX, word, REQUEUE, 1, 1, word2).enter(futex)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).as("REQUEUE returns the woken only").isEqualTo(1);
        assertThat(guest.completed).containsOnlyKeys(a);
        assertThat(((Wait.Futex) guest.scheduler().waitOf(b)).address()).isEqualTo(word2);
        assertThat(((Wait.Futex) guest.scheduler().waitOf(c)).address()).isEqualTo(word);

        // a wake on the second word now reaches b
        guest.call(d, FUTEX, word2, WAKE, 5).enter(futex);
        assertThat(guest.returned()).isEqualTo(1);
        assertThat(guest.completed).containsKeys(b);
    }

    @Test
    void cmpRequeueChecksTheWordAndCountsTheMovedToo() {
        call(a, WAIT, 0);
        call(b, WAIT, 0);
        memory.writeInt(word, 3);
        assertThat(guest.call(c, FUTEX, word, CMP_REQUEUE, 0, 5, word2, 2).enter(futex)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).as("the word changed").isEqualTo(-Errno.EAGAIN);
        assertThat(guest.call(c, FUTEX, word, CMP_REQUEUE, 1, 5, word2, 3).enter(futex)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).as("1 woken + 1 moved").isEqualTo(2);
        assertThat(((Wait.Futex) guest.scheduler().waitOf(b)).address()).isEqualTo(word2);
    }

    @Test
    void wakeOpChangesTheSecondWordAndWakesItsWaitersWhenTheOldValueCompares() {
        call(a, WAIT, 0);
        guest.call(b, FUTEX, word2, WAIT, 0).enter(futex);
        memory.writeInt(word2, 0);
        // op ADD 3 (1), cmp EQ (0) with cmparg 0: word2 becomes 3, old 0 == 0 -> wake on word2 too
        int encoded = (1 << 28) | (0 << 24) | (3 << 12) | 0;
        assertThat(guest.call(c, FUTEX, word, WAKE_OP, 1, 1, word2, encoded).enter(futex)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(2);
        assertThat(memory.readInt(word2)).isEqualTo(3);
        assertThat(guest.completed).containsOnlyKeys(a, b);

        // cmp NE (1) with cmparg 3 and old value 3: no second wake
        guest.call(b, FUTEX, word2, WAIT, 3).enter(futex);
        int orOp = (2 << 28) | (1 << 24) | (4 << 12) | 3; // OR 4, NE 3
        guest.call(c, FUTEX, word, WAKE_OP, 1, 1, word2, orOp).enter(futex);
        assertThat(guest.returned()).isZero();
        assertThat(memory.readInt(word2)).isEqualTo(7);
        assertThat(guest.scheduler().parked()).containsExactly(b);

        int unknown = (6 << 28);
        guest.call(c, FUTEX, word, WAKE_OP, 1, 1, word2, unknown).enter(futex);
        assertThat(guest.returned()).isEqualTo(-Errno.ENOSYS);
    }

    @Test
    void lockPiTakesAFreeLockWithTheVirtualTidAndRefusesTheOwnerItself() {
        assertThat(call(a, LOCK_PI, 0)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isZero();
        assertThat(memory.readInt(word)).isEqualTo(a.vtid());
        assertThat(call(a, LOCK_PI, 0)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EDEADLK);
        assertThat(call(b, TRYLOCK_PI, 0)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EAGAIN);
    }

    @Test
    void aContendedPiLockParksMarksWaitersAndIsHandedToTheLongestWaiterOnUnlock() {
        memory.writeInt(word, a.vtid()); // taken by a in user space, as glibc does
        assertThat(call(b, LOCK_PI, 0)).isEqualTo(Disposition.BLOCK);
        assertThat(call(c, LOCK_PI2, 0)).isEqualTo(Disposition.BLOCK);
        assertThat(memory.readInt(word)).isEqualTo(a.vtid() | WAITERS);

        assertThat(call(b, UNLOCK_PI)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).as("only the owner may unlock").isEqualTo(-Errno.EPERM);

        call(a, UNLOCK_PI);
        assertThat(guest.returned()).isZero();
        assertThat(guest.completed).containsOnlyKeys(b);
        assertThat(memory.readInt(word)).as("b owns it; c still waits").isEqualTo(b.vtid() | WAITERS);

        call(b, UNLOCK_PI);
        assertThat(memory.readInt(word)).isEqualTo(c.vtid());
        call(c, UNLOCK_PI);
        assertThat(memory.readInt(word)).isZero();
    }

    @Test
    void piTimeoutsAreAbsoluteRealtimeForLockPiAndMonotonicForLockPi2() {
        memory.writeInt(word, a.vtid());
        long epoch = world.tree().config().epochNanos();
        call(b, LOCK_PI, 0, memory.allocateTimespec(epoch + 5_000));
        assertThat(guest.blockedOn().deadline()).isEqualTo(5_000);
        call(c, LOCK_PI2, 0, memory.allocateTimespec(TimeBase.BOOT_UPTIME_NANOS + 6_000));
        assertThat(guest.blockedOn().deadline()).isEqualTo(6_000);
        GuestThread d = world.threadIn(a.process());
        call(d, LOCK_PI2 | CLOCK_REALTIME, 0, memory.allocateTimespec(epoch + 8_000));
        assertThat(guest.blockedOn().deadline()).isEqualTo(8_000);
    }

    @Test
    void aPlainWakeDoesNotReachPiWaiters() {
        memory.writeInt(word, a.vtid());
        call(b, LOCK_PI, 0);
        call(c, WAKE, 10);
        assertThat(guest.returned()).isZero();
        assertThat(guest.scheduler().parked()).containsExactly(b);
    }

    @Test
    void theRequeuePiOperationsAreNotModelled() {
        assertThat(call(a, 11 /* WAIT_REQUEUE_PI */, 0)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.ENOSYS);
    }

    // --- gaps: flags, timeouts, requeue details, WAKE_OP forms, PI corner cases ---

    @Test
    void thePrivateFlagDoesNotChangeWhichFutexAnOperationIsOn() {
        call(a, WAIT, 0);
        call(b, WAIT_BITSET | PRIVATE, 0, 0, 0, -1);
        assertThat(call(c, WAKE | PRIVATE, 10)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(2);
        assertThat(guest.completed).containsOnlyKeys(a, b);
    }

    @Test
    void aWakeCountOfZeroOrBelowWakesOneWaiterAsTheKernelDoes() {
        call(a, WAIT, 0);
        call(b, WAIT, 0);
        call(c, WAKE, 0);
        assertThat(guest.returned()).isEqualTo(1);
        call(c, WAKE, -1);
        assertThat(guest.returned()).isEqualTo(1);
        assertThat(guest.scheduler().parked()).isEmpty();
    }

    @Test
    void aWaitWithoutTimeoutNeverEndsAndKeepsItsBitset() {
        call(a, WAIT_BITSET, 0, 0, 0, 0x30);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Futex(Wait.Futex.keyOf(a.process().vpid(), word), word,
                0x30, false, Wait.NEVER));
        assertThat(guest.exitHookWanted()).isFalse();
    }

    @Test
    void anAbsoluteTimeoutAlreadyPastParksWithADeadlineThatHasPassed() {
        world.clock().advance(1_000);
        call(a, WAIT_BITSET, 0, memory.allocateTimespec(TimeBase.BOOT_UPTIME_NANOS + 400), 0, -1);
        assertThat(guest.blockedOn().deadline()).as("the next check times it out").isEqualTo(400);
        call(b, WAIT_BITSET, 0, memory.allocateTimespec(5), 0, -1);
        assertThat(guest.blockedOn().deadline()).as("before the guest's boot: clamped").isZero();
    }

    @Test
    void anUnreadableTimeoutIsEfaultOnlyOnceTheWordMatched() {
        memory.writeInt(word, 1);
        assertThat(call(a, WAIT, 0, 0xdead_0000L)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).as("the word is checked first").isEqualTo(-Errno.EAGAIN);
        assertThat(call(a, WAIT, 1, 0xdead_0000L)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
        assertThat(guest.scheduler().parked()).isEmpty();
    }

    @Test
    void requeuedWaitersKeepTheirBitsetAndDeadline() {
        call(a, WAIT_BITSET, 0, memory.allocateTimespec(TimeBase.BOOT_UPTIME_NANOS + 9_000), 0, 0b100);
        guest.call(c, FUTEX, word, REQUEUE, 0, 5, word2).enter(futex);
        assertThat(guest.returned()).isZero();
        assertThat(guest.scheduler().waitOf(a)).isEqualTo(new Wait.Futex(Wait.Futex.keyOf(a.process().vpid(), word2),
                word2, 0b100, false, 9_000));
    }

    @Test
    void cmpRequeueWithNothingToMoveOnlyWakes() {
        call(a, WAIT, 0);
        call(b, WAIT, 0);
        guest.call(c, FUTEX, word, CMP_REQUEUE, 1, 0, word2, 0).enter(futex);
        assertThat(guest.returned()).isEqualTo(1);
        assertThat(((Wait.Futex) guest.scheduler().waitOf(b)).address()).isEqualTo(word);
    }

    @Test
    void wakeOpWithTheShiftFlagUsesOneShiftedByTheArgumentAndItsSecondCountLimitsTheSecondWake() {
        GuestThread d = world.threadIn(a.process());
        guest.call(a, FUTEX, word2, WAIT, 0).enter(futex);
        guest.call(b, FUTEX, word2, WAIT, 0).enter(futex);
        // SET | OPARG_SHIFT (8) with oparg 4: word2 = 1 << 4; cmp GT (4) 0 fails on old 0: nobody on word2
        int setShifted = (8 << 28) | (4 << 24) | (4 << 12);
        guest.call(d, FUTEX, word, WAKE_OP, 1, 1, word2, setShifted).enter(futex);
        assertThat(memory.readInt(word2)).isEqualTo(16);
        assertThat(guest.returned()).isZero();
        // ANDN (3) 16 -> 0; cmp GE (5) 16 holds on old 16: one of the two on word2, the first
        int andNot = (3 << 28) | (5 << 24) | (16 << 12) | 16;
        guest.call(d, FUTEX, word, WAKE_OP, 1, 1, word2, andNot).enter(futex);
        assertThat(memory.readInt(word2)).isZero();
        assertThat(guest.returned()).isEqualTo(1);
        assertThat(guest.completed).containsOnlyKeys(a);
        // XOR (4) with a negative (sign-extended) oparg; cmp LT (2) 1 holds on old 0
        int xorNeg = (4 << 28) | (2 << 24) | (0xfff << 12) | 1;
        guest.call(d, FUTEX, word, WAKE_OP, 1, 1, word2, xorNeg).enter(futex);
        assertThat(memory.readInt(word2)).isEqualTo(-1);
        assertThat(guest.completed).containsOnlyKeys(a, b);
    }

    @Test
    void wakeOpOnAnUnreadableSecondWordIsEfaultAndWakesNobody() {
        call(a, WAIT, 0);
        assertThat(guest.call(c, FUTEX, word, WAKE_OP, 1, 1, 0xdead_0000L, 0).enter(futex))
                .isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
        assertThat(guest.scheduler().parked()).containsExactly(a);
    }

    @Test
    void trylockTakesAFreeLockAndAFreeWordKeepsItsWaitersBit() {
        assertThat(call(b, TRYLOCK_PI, 0)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isZero();
        assertThat(memory.readInt(word)).isEqualTo(b.vtid());
        memory.writeInt(word2, WAITERS);
        guest.call(c, FUTEX, word2, LOCK_PI, 0).enter(futex);
        assertThat(guest.returned()).isZero();
        assertThat(memory.readInt(word2)).isEqualTo(c.vtid() | WAITERS);
    }

    @Test
    void aPiLockWithAnInvalidTimeoutIsEinvalAndLeavesTheWordAsItWas() {
        memory.writeInt(word, a.vtid());
        assertThat(call(b, LOCK_PI, 0, memory.allocateTimespec(0, -1))).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EINVAL);
        assertThat(memory.readInt(word)).isEqualTo(a.vtid());
    }

    @Test
    void unlockingAFreeLockOrAnotherThreadsIsEperm() {
        assertThat(call(a, UNLOCK_PI)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EPERM);
        memory.writeInt(word, b.vtid() | WAITERS);
        call(a, UNLOCK_PI);
        assertThat(guest.returned()).isEqualTo(-Errno.EPERM);
        assertThat(memory.readInt(word)).isEqualTo(b.vtid() | WAITERS);
    }

    @Test
    void aPiUnlockHandsTheLockToAPiWaiterNotToAPlainWaiterOnTheSameWord() {
        memory.writeInt(word, a.vtid());
        call(b, WAIT, a.vtid()); // a plain wait on the lock word, which glibc never does: it stays
        call(c, LOCK_PI, 0);
        call(a, UNLOCK_PI);
        assertThat(guest.completed).containsOnlyKeys(c);
        assertThat(memory.readInt(word)).isEqualTo(c.vtid());
        assertThat(guest.scheduler().parked()).containsExactly(b);
    }

    @Test
    void futexFdAndTheOtherRequeuePiOperationAreNotModelled() {
        for (int op : new int[] {2 /* FUTEX_FD */, 12 /* CMP_REQUEUE_PI */}) {
            assertThat(call(a, op, 0)).isEqualTo(Disposition.EMULATED);
            assertThat(guest.returned()).isEqualTo(-Errno.ENOSYS);
        }
    }
}
