package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.GETRANDOM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.run.Redirects;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.util.SplitMix64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** getrandom: bytes from the calling thread's stream seeded by --seed, and the kernel's limits. */
class RandomHandlerTest {
    private static final int GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;
    private static final int MAX_PER_CALL = (1 << 25) - 1;

    private TestGuests world;
    private FakeGuest guest;
    private final RandomHandler random = new RandomHandler();
    private FakeMemory memory;

    private GuestThread start(long seed) {
        world = new TestGuests(new RunConfig(List.of("/bin/true"), List.of(), seed, RunConfig.DEFAULT_EPOCH_NANOS,
                4, RunConfig.DEFAULT_MEMORY_BYTES, false, Redirects.NONE, 0, false));
        guest = new FakeGuest(world);
        memory = guest.memoryOf(world.root().process());
        return world.root();
    }

    /** getrandom of {@code length} bytes by {@code t}: what it wrote. */
    private byte[] getrandom(GuestThread t, int length, int flags) {
        long buf = memory.allocate(length);
        assertThat(guest.call(t, GETRANDOM, buf, length, flags).enter(random)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(length);
        byte[] b = new byte[length];
        memory.readFully(buf, b, 0, length);
        return b;
    }

    /** Bytes {@code skip} to {@code skip + length} of one continuous draw from the thread's stream. */
    private static byte[] stream(long seed, int vtid, int skip, int length) {
        byte[] b = new byte[skip + length];
        SplitMix64.stream(seed, vtid).nextBytes(b, 0, b.length);
        return java.util.Arrays.copyOfRange(b, skip, b.length);
    }

    @Test
    void getrandomFillsTheBufferFromTheCallingThreadsSeededStreamAcrossCalls() {
        GuestThread a = start(42);
        assertThat(getrandom(a, 16, 0)).isEqualTo(stream(42, 1000, 0, 16));
        assertThat(getrandom(a, 8, GRND_NONBLOCK)).as("the stream goes on").isEqualTo(stream(42, 1000, 16, 8));
    }

    @Test
    void theSameSeedAndThreadGiveTheSameBytesWhateverOtherThreadsDraw() {
        GuestThread a = start(7);
        GuestThread b = world.threadIn(a.process());
        byte[] fromB = getrandom(b, 32, 0);
        byte[] fromA = getrandom(a, 32, 0);

        GuestThread a2 = start(7);
        assertThat(getrandom(a2, 32, 0)).as("a drew first this time").isEqualTo(fromA);
        assertThat(getrandom(world.threadIn(a2.process()), 32, 0)).isEqualTo(fromB);
        assertThat(fromA).isNotEqualTo(fromB);
    }

    @Test
    void anotherSeedGivesOtherBytes() {
        byte[] seed1 = getrandom(start(1), 32, 0);
        byte[] seed2 = getrandom(start(2), 32, 0);
        assertThat(seed1).isNotEqualTo(seed2);
    }

    @Test
    void aLargeRequestIsOneStreamWhateverTheChunksItIsWrittenIn() {
        GuestThread a = start(3);
        assertThat(getrandom(a, 200_003, GRND_RANDOM)).isEqualTo(stream(3, 1000, 0, 200_003));
    }

    @Test
    void aCallReturnsAtMost32MibMinusOneBytes() {
        GuestThread a = start(0);
        long buf = memory.allocate(1 << 25);
        assertThat(guest.call(a, GETRANDOM, buf, 1L << 26, 0).enter(random)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(MAX_PER_CALL);
        byte[] last = new byte[2];
        memory.readFully(buf + MAX_PER_CALL - 1, last, 0, 2);
        assertThat(last[0]).as("the last byte written").isEqualTo(stream(0, 1000, MAX_PER_CALL - 1, 1)[0]);
        assertThat(last[1]).as("the byte after it stays").isZero();
    }

    @Test
    void aZeroLengthReturnsZero() {
        GuestThread a = start(0);
        guest.call(a, GETRANDOM, 0, 0, 0).enter(random);
        assertThat(guest.returned()).isZero();
    }

    @Test
    void unknownFlagsOrANegativeLengthAreEinvalAndDrawNothing() {
        GuestThread a = start(5);
        long buf = memory.allocate(16);
        for (long[] args : new long[][] {{16, 8}, {16, 0x100}, {-1, 0}}) {
            assertThat(guest.call(a, GETRANDOM, buf, args[0], args[1]).enter(random)).isEqualTo(Disposition.EMULATED);
            assertThat(guest.returned()).isEqualTo(-Errno.EINVAL);
        }
        assertThat(memory.readLong(buf)).isZero();
        assertThat(getrandom(a, 8, 0)).isEqualTo(stream(5, 1000, 0, 8));
    }

    @Test
    void insecureAndBlockingRandomnessTogetherAreEinval() {
        GuestThread a = start(5);
        long buf = memory.allocate(16);
        guest.call(a, GETRANDOM, buf, 16, GRND_INSECURE | GRND_RANDOM).enter(random);
        assertThat(guest.returned()).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void anUnwritableBufferIsEfault() {
        GuestThread a = start(5);
        guest.call(a, GETRANDOM, 0xdead_0000L, 16, 0).enter(random);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
    }
}
