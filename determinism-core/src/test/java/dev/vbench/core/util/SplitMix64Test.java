package dev.vbench.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitMix64Test {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * SplitMix64 as published (Steele, Lea, Flood; Vigna's splitmix64.c), written independently
     * with unsigned 64-bit arithmetic in BigInteger, so it does not share the product's code.
     */
    private static final class Reference {
        private BigInteger x;

        Reference(long seed) {
            x = BigInteger.valueOf(seed).mod(TWO_64);
        }

        long next() {
            x = x.add(new BigInteger("9E3779B97F4A7C15", 16)).mod(TWO_64);
            BigInteger z = x;
            z = z.xor(z.shiftRight(30)).multiply(new BigInteger("BF58476D1CE4E5B9", 16)).mod(TWO_64);
            z = z.xor(z.shiftRight(27)).multiply(new BigInteger("94D049BB133111EB", 16)).mod(TWO_64);
            return z.xor(z.shiftRight(31)).longValue();
        }
    }

    @Test
    void seedZeroGivesThePublishedFirstOutputs() {
        SplitMix64 r = new SplitMix64(0);
        // splitmix64.c with x = 0
        assertThat(r.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(r.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(r.nextLong()).isEqualTo(0x06C45D188009454FL);
    }

    @Test
    void matchesTheReferenceForSeveralSeeds() {
        for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0x5DEECE66DL}) {
            SplitMix64 r = new SplitMix64(seed);
            Reference ref = new Reference(seed);
            for (int i = 0; i < 100; i++) {
                assertThat(r.nextLong()).as("seed %d output %d", seed, i).isEqualTo(ref.next());
            }
        }
    }

    @Test
    void nextBytesIsLittleEndianWordsAndHonoursOffsetAndLength() {
        long w0 = new Reference(7).next();
        Reference ref = new Reference(7);
        ref.next();
        long w1 = ref.next();

        byte[] out = new byte[20];
        Arrays.fill(out, (byte) 0x55);
        new SplitMix64(7).nextBytes(out, 3, 11);
        for (int i = 0; i < 3; i++) {
            assertThat(out[i]).as("before offset").isEqualTo((byte) 0x55);
        }
        for (int i = 0; i < 8; i++) {
            assertThat(out[3 + i]).isEqualTo((byte) (w0 >>> (8 * i)));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(out[11 + i]).isEqualTo((byte) (w1 >>> (8 * i)));
        }
        for (int i = 14; i < 20; i++) {
            assertThat(out[i]).as("past length").isEqualTo((byte) 0x55);
        }
    }

    @Test
    void zeroLengthWritesNothingAndConsumesNothing() {
        SplitMix64 r = new SplitMix64(9);
        byte[] out = new byte[4];
        r.nextBytes(out, 4, 0);
        assertThat(out).containsOnly(0);
        assertThat(r.nextLong()).isEqualTo(new SplitMix64(9).nextLong());
    }

    @Test
    void eachCallConsumesWholeWords() {
        for (int length : new int[] {1, 7, 8, 9, 16, 17}) {
            SplitMix64 r = new SplitMix64(3);
            r.nextBytes(new byte[length], 0, length);
            SplitMix64 expected = new SplitMix64(3);
            for (int w = 0; w < (length + 7) / 8; w++) {
                expected.nextLong();
            }
            assertThat(r.nextLong()).as("after %d bytes", length).isEqualTo(expected.nextLong());
        }
    }

    @Test
    void sameSeedSameBytes() {
        byte[] a = new byte[1000];
        byte[] b = new byte[1000];
        new SplitMix64(123).nextBytes(a, 0, a.length);
        new SplitMix64(123).nextBytes(b, 0, b.length);
        assertThat(a).isEqualTo(b);
        byte[] c = new byte[1000];
        new SplitMix64(124).nextBytes(c, 0, c.length);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void streamsAreReproducibleAndIndependent() {
        assertThat(SplitMix64.stream(5, 1000).nextLong()).isEqualTo(SplitMix64.stream(5, 1000).nextLong());

        Set<Long> firsts = new HashSet<>();
        for (long id = 1000; id < 1100; id++) {
            firsts.add(SplitMix64.stream(5, id).nextLong());
        }
        assertThat(firsts).as("100 thread streams of one seed start differently").hasSize(100);

        assertThat(SplitMix64.stream(5, 1000).nextLong()).isNotEqualTo(SplitMix64.stream(6, 1000).nextLong());
        assertThat(SplitMix64.stream(5, 1000).nextLong()).isNotEqualTo(new SplitMix64(5).nextLong());
    }

    @Test
    void oneStreamsUseDoesNotShiftAnother() {
        SplitMix64 a = SplitMix64.stream(0, 1000);
        SplitMix64 b = SplitMix64.stream(0, 1001);
        long bFirst = SplitMix64.stream(0, 1001).nextLong();
        for (int i = 0; i < 50; i++) {
            a.nextLong();
        }
        assertThat(b.nextLong()).isEqualTo(bFirst);
    }

    @Test
    void adjacentStreamsAreNotShiftedCopiesOfEachOther() {
        long[] a = new long[64];
        long[] b = new long[64];
        SplitMix64 ra = SplitMix64.stream(0, 1000);
        SplitMix64 rb = SplitMix64.stream(0, 1001);
        for (int i = 0; i < 64; i++) {
            a[i] = ra.nextLong();
            b[i] = rb.nextLong();
        }
        Set<Long> seen = new HashSet<>();
        for (long v : a) {
            seen.add(v);
        }
        for (long v : b) {
            assertThat(seen).doesNotContain(v);
        }
    }
}
