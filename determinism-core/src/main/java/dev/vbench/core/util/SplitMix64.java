package dev.vbench.core.util;

/**
 * The SplitMix64 generator (Steele, Lea, Flood 2014), written out so the guest's random bytes do
 * not depend on a JDK's choice of algorithm: the same seed gives the same bytes everywhere.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** A generator for one stream of a run, e.g. one guest thread, independent of the others. */
    public static SplitMix64 stream(long seed, long streamId) {
        SplitMix64 base = new SplitMix64(seed ^ 0x5DEECE66DL);
        long mixed = base.nextLong() ^ (streamId * 0x9E3779B97F4A7C15L);
        return new SplitMix64(new SplitMix64(mixed).nextLong());
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public void nextBytes(byte[] out, int offset, int length) {
        int i = 0;
        while (i < length) {
            long word = nextLong();
            for (int b = 0; b < 8 && i < length; b++, i++) {
                out[offset + i] = (byte) (word >>> (8 * b));
            }
        }
    }
}
