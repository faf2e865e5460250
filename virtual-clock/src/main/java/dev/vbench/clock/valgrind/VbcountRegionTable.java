package dev.vbench.clock.valgrind;

import dev.vbench.clock.region.RegionRecorder;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.StateKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the version-6 part of a process's vbcount block (start-up instructions and the regions the
 * guest marked with client requests) when its image ends, and hands what is new since the last
 * reading to the run's {@link RegionRecorder} (through the process's pending harvest). A table is
 * read as deltas, like the system calls by number: an exec that fails leaves the image running, and
 * it is read again when it ends.
 */
final class VbcountRegionTable {
    /** Bytes from {@link VbcountLayout#OFF_MAIN_INSNS} to the end of the block. */
    static final int BYTES = VbcountLayout.OFF_FEATURES - VbcountLayout.OFF_MAIN_INSNS;
    private static final int VALUES = 5; // entries, insns, cond, ind, syscalls

    private static final StateKey<Harvested> HARVESTED = StateKey.of("vbcount regions harvested", Harvested::new);

    /** What was already taken from one image's table. */
    static final class Harvested {
        final Map<String, long[]> byName = new HashMap<>();
        long mainInsns;
        boolean mainSeen;
        long dropped;
        long unbalanced;
    }

    private VbcountRegionTable() {}

    /** The image of {@code process} is new (exec): its table starts from zero. */
    static void reset(GuestProcess process) {
        process.state().put(HARVESTED, new Harvested());
    }

    /**
     * Takes what the table {@code part} (the block from {@link VbcountLayout#OFF_MAIN_INSNS},
     * {@link #BYTES} long) holds beyond the last harvest into the process's pending regions.
     */
    static void harvest(byte[] part, GuestProcess process) {
        ByteBuffer b = ByteBuffer.wrap(part).order(ByteOrder.LITTLE_ENDIAN);
        Harvested h = process.state().get(HARVESTED);
        RegionRecorder.Pending pending = RegionRecorder.pending(process);
        long mainInsns = b.getLong(0);
        boolean mainReached = b.getLong(8) != 0;
        long slots = Math.min(b.getLong(16), VbcountLayout.REGIONS);
        long dropped = b.getLong(24);
        long unbalanced = b.getLong(32);
        if (mainReached && !h.mainSeen) {
            pending.imagesWithMain(1);
            h.mainSeen = true;
        }
        pending.startup(Math.max(0, mainInsns - h.mainInsns));
        h.mainInsns = mainInsns;
        pending.problems(Math.max(0, dropped - h.dropped), Math.max(0, unbalanced - h.unbalanced));
        h.dropped = dropped;
        h.unbalanced = unbalanced;
        int base = VbcountLayout.OFF_REGIONS - VbcountLayout.OFF_MAIN_INSNS;
        for (int i = 0; i < slots; i++) {
            int at = base + i * VbcountLayout.REGION_STRIDE;
            int len = 0;
            while (len < VbcountLayout.REGION_NAME_BYTES && part[at + len] != 0) {
                len++;
            }
            if (len == 0) {
                break; // slots fill in order: the rest are free
            }
            String name = new String(part, at, len, StandardCharsets.UTF_8);
            long[] now = new long[VALUES];
            for (int v = 0; v < VALUES; v++) {
                now[v] = b.getLong(at + VbcountLayout.REGION_NAME_BYTES + 8 * v);
            }
            long[] done = h.byName.computeIfAbsent(name, n -> new long[VALUES]);
            long[] delta = new long[VALUES];
            boolean any = false;
            for (int v = 0; v < VALUES; v++) {
                delta[v] = now[v] - done[v];
                any |= delta[v] != 0;
            }
            System.arraycopy(now, 0, done, 0, VALUES);
            if (any) {
                pending.add(name, delta);
            }
        }
    }
}
