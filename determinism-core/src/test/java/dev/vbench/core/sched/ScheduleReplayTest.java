package dev.vbench.core.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.util.SplitMix64;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A long pseudo-random history of stops, parks, wake-ups, requeues, yields, spins and exits, the
 * same on every run, and the digest of every decision the scheduler made in it. The digests were
 * recorded with the scheduler that kept its threads in array lists: a schedule must not change when
 * the scheduler's data structures do (counts of multithreaded guests would change with it).
 */
class ScheduleReplayTest {
    private static final int THREADS = 150, STEPS = 60_000;

    @Test
    void roundRobinMakesTheRecordedDecisions() throws Exception {
        assertThat(replay(0, false)).isEqualTo("e35fbd3fd1a47017");
    }

    @Test
    void seededMakesTheRecordedDecisions() throws Exception {
        assertThat(replay(7, false)).isEqualTo("51c11caab956a5b5");
    }

    @Test
    void chaosMakesTheRecordedDecisions() throws Exception {
        assertThat(replay(7, true)).isEqualTo("d51c0a3bcdc84e32");
    }

    /** The first 8 bytes of the SHA-256 of every pick, wake-up choice and counter, in hex. */
    private static String replay(long seed, boolean chaos) throws Exception {
        TestGuests world = new TestGuests();
        Scheduler s = Scheduler.forSeed(seed, chaos, world.clock()::threadNanos);
        SplitMix64 random = new SplitMix64(0xC0FFEE);
        List<GuestThread> live = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            GuestThread t = i == 0 ? world.root() : world.threadIn(world.root().process());
            s.admit(t);
            s.makeReady(t);
            live.add(t);
        }
        ByteBuffer record = ByteBuffer.allocate(STEPS * 40);
        for (int step = 0; step < STEPS; step++) {
            wakeSome(s, random, record);
            GuestThread t = s.pickNext();
            if (t == null) {
                record.putInt(-1);
                wakeFirstParked(s);
                continue;
            }
            record.putInt(t.vtid());
            world.clock().charge(t, below(random, 300_000));
            int action = below(random, 100);
            if (action < 3) {
                s.couldNotRun(t);
                s.makeReady(t);
                continue;
            }
            s.stopped(t);
            if (action < 40) {
                s.park(t, futex(t, below(random, 12), random));
            } else if (action < 45) {
                s.park(t, new Wait.Sleep(below(random, 1000)));
            } else if (action < 50) {
                s.yielded(t);
                s.makeReady(t);
            } else if (action < 53) {
                s.spun(t);
                s.makeReady(t);
            } else if (action < 54 && live.size() > THREADS / 2) {
                s.forget(t);
                live.remove(t);
            } else if (action < 55) {
                GuestThread born = world.threadIn(world.root().process());
                s.admit(born);
                s.makeReady(born);
                live.add(born);
                s.makeReady(t);
            } else {
                s.makeReady(t);
            }
        }
        record.putLong(s.turns()).putLong(s.contextSwitches()).putLong(s.preemptions()).putLong(s.spinYields());
        for (GuestThread t : s.parked()) {
            record.putInt(t.vtid());
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(record.array(), 0, record.position());
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    /** Wakes parked threads as futex wakes, requeues and timeouts would, by their place in line. */
    private static void wakeSome(Scheduler s, SplitMix64 random, ByteBuffer record) {
        List<GuestThread> parked = s.parked().list();
        if (parked.isEmpty() || below(random, 3) != 0) {
            return;
        }
        int key = below(random, 12);
        int n = 1 + below(random, 3);
        boolean requeue = below(random, 8) == 0;
        for (GuestThread t : List.copyOf(parked)) {
            if (n > 0 && s.waitOf(t) instanceof Wait.Futex f && f.address() == key) {
                n--;
                record.putInt(t.vtid());
                if (requeue) {
                    s.rewait(t, new Wait.Futex(key + 1, key + 1, f.bitset(), false, f.deadline()));
                } else {
                    s.makeReady(t);
                }
            }
        }
        List<GuestThread> still = s.parked().list();
        if (!still.isEmpty() && below(random, 4) == 0) {
            GuestThread t = still.get(below(random, still.size()));
            record.putInt(-t.vtid());
            s.makeReady(t);
        }
    }

    private static void wakeFirstParked(Scheduler s) {
        if (!s.parked().isEmpty()) {
            s.makeReady(s.parked().list().get(0));
        }
    }

    private static Wait.Futex futex(GuestThread t, int key, SplitMix64 random) {
        return new Wait.Futex(key, key, -1, false, below(random, 4) == 0 ? below(random, 1 << 20) : Wait.NEVER);
    }

    private static int below(SplitMix64 random, int n) {
        return (int) ((random.nextLong() >>> 1) % n);
    }
}
