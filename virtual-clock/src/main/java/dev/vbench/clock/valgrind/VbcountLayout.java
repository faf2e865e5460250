package dev.vbench.clock.valgrind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Byte layout (version 9) of the {@code vbcount_block} counter block that the vbcount Valgrind
 * tool exports, and readers of the small key=value files it writes.
 *
 * <p>All fields are little-endian unsigned 64-bit integers. Global counters are exact whenever the
 * guest is stopped at a syscall (a syscall ends a superblock). Per-thread slots are indexed by
 * Valgrind ThreadId (1..; slot 0 unused) and are brought up to date at every thread switch: the
 * thread {@code current_tid} has, in addition to its slot, the pending delta
 * {@code insns - attributed_insns} (and likewise for the branch counters). See
 * {@code src/main/c/vbcount/README.md}.
 */
public final class VbcountLayout {
    private VbcountLayout() {}

    /** The first 8 bytes of the block read "VBCOUNT\0". */
    public static final long MAGIC = 0x00544E554F434256L;
    public static final long VERSION = 9;

    public static final int OFF_MAGIC = 0;
    public static final int OFF_VERSION = 8;
    public static final int OFF_INSNS = 16;
    public static final int OFF_COND_BRANCHES = 24;
    public static final int OFF_IND_BRANCHES = 32;
    public static final int OFF_CURRENT_TID = 40;
    public static final int OFF_NTHREADS_SLOTS = 48;
    /** Start of {@code per_thread[nthreads_slots]}, each {insns, cond, ind}. */
    public static final int OFF_PER_THREAD = 56;
    public static final int PER_THREAD_STRIDE = 24;
    /** Per-thread slots compiled into the tool; threads beyond them are counted in the totals only. */
    public static final int SLOTS = 500;
    /** Trailer: attributed_insns, attributed_cond, attributed_ind, switches. */
    public static final int OFF_TRAILER = OFF_PER_THREAD + PER_THREAD_STRIDE * SLOTS;
    public static final int OFF_ATTRIBUTED_INSNS = OFF_TRAILER;
    public static final int OFF_ATTRIBUTED_COND = OFF_TRAILER + 8;
    public static final int OFF_ATTRIBUTED_IND = OFF_TRAILER + 16;
    public static final int OFF_SWITCHES = OFF_TRAILER + 24;
    /** Version 2: the guest's system calls as Valgrind's syscall wrapper sees them, total and by number. */
    public static final int OFF_CLIENT_SYSCALLS = OFF_TRAILER + 32;
    public static final int OFF_SYSCALLS_BY_NR = OFF_TRAILER + 40;
    public static final int MAX_SYSCALL = 512;
    /**
     * Version 3: the one field the supervisor writes, 1 while no other guest thread could run, so
     * that Valgrind's big-lock hand-offs need no stop (vb_housekeeping.c).
     */
    public static final int OFF_ALONE = OFF_SYSCALLS_BY_NR + 8 * MAX_SYSCALL;
    /** Version 4: the most threads the process had alive at once, and Valgrind's limit on them. */
    public static final int OFF_MAX_LIVE_THREADS = OFF_ALONE + 8;
    public static final int OFF_THREAD_LIMIT = OFF_ALONE + 16;
    /** The flags of a clone() Valgrind cannot run (a process sharing its parent's memory), or 0. */
    public static final int OFF_UNSUPPORTED_CLONE = OFF_ALONE + 24;
    /**
     * Version 6 (vb_regions.c): the global instruction count when main first ran (process
     * start-up), whether it ran, and the regions the guest marked with vbench.h, by name.
     */
    public static final int OFF_MAIN_INSNS = OFF_UNSUPPORTED_CLONE + 8;
    public static final int OFF_MAIN_REACHED = OFF_MAIN_INSNS + 8;
    public static final int OFF_REGION_SLOTS = OFF_MAIN_INSNS + 16;
    /** Begins of a region that found no free slot (a name beyond {@link #REGIONS}), counted nowhere. */
    public static final int OFF_REGION_DROPPED = OFF_MAIN_INSNS + 24;
    /** Ends without a begin, and regions still open when the process ended. */
    public static final int OFF_REGION_UNBALANCED = OFF_MAIN_INSNS + 32;
    /** {@code region[REGIONS]}: name (64 bytes, NUL-terminated, "" = free), entries, insns, cond, ind, syscalls. */
    public static final int OFF_REGIONS = OFF_MAIN_INSNS + 40;
    public static final int REGIONS = 64;
    public static final int REGION_NAME_BYTES = 64;
    public static final int REGION_STRIDE = REGION_NAME_BYTES + 40;
    /**
     * Version 7 (vb_features.c), after the regions, each a running total of the process image: bytes read, written
     * and mapped, pages touched, misses of the simulated caches (waiting for memory, streamed by
     * the simulated prefetcher, or held by the last level), mispredictions of the simulated branch predictor, long-latency
     * operations (divisions, square roots), atomic read-modify-writes.
     */
    public static final int OFF_FEATURES = OFF_REGIONS + REGIONS * REGION_STRIDE;
    public static final int OFF_BYTES_READ = OFF_FEATURES;
    public static final int OFF_BYTES_WRITTEN = OFF_FEATURES + 8;
    public static final int OFF_BYTES_MAPPED = OFF_FEATURES + 16;
    public static final int OFF_PAGES_TOUCHED = OFF_FEATURES + 24;
    public static final int OFF_CACHE_MISSES = OFF_FEATURES + 32;
    public static final int OFF_CACHE_LINES_STREAMED = OFF_FEATURES + 40;
    public static final int OFF_BRANCH_MISPREDICTS = OFF_FEATURES + 48;
    public static final int OFF_LONG_LATENCY_OPS = OFF_FEATURES + 56;
    public static final int OFF_ATOMIC_OPS = OFF_FEATURES + 64;
    /** Misses of the simulated 1 MiB cache that the simulated 32 MiB one holds. */
    public static final int OFF_CACHE_MID_MISSES = OFF_FEATURES + 72;
    /**
     * Version 8 (vb_slots.c): issue slots a fixed 4-wide core spends on the instructions run, the
     * dependency chains a loop carries from one superblock run to the next included, kept as their
     * excess over the instructions (most superblocks have none, and then no code counts it).
     */
    public static final int OFF_ISSUE_SLOT_EXCESS = OFF_FEATURES + 80;
    /** The features the supervisor reads at every stop: all eleven, in the order above. */
    public static final int FEATURES_READ = 88;
    /**
     * Version 8: superblocks ended by a spin-wait hint ({@code pause}), read at every stop right after the
     * features: a thread that paused since its process's previous stop is spinning.
     */
    public static final int OFF_PAUSES = OFF_FEATURES + FEATURES_READ;
    /** Version 9: the guest's rdtsc/rdtscp so far, read at every stop right after the pauses. */
    public static final int OFF_TSC_READS = OFF_PAUSES + 8;
    /**
     * Version 9, written by the supervisor before it resumes a process that reads the TSC: valid (1),
     * the TSC at the counts last charged, those counts (instructions, conditional and indirect
     * branches, the guest's system calls) and their prices in whole virtual nanoseconds. vbcount
     * then answers rdtsc from the counts since, with no stop.
     */
    public static final int OFF_TSC_BASE = OFF_TSC_READS + 8;
    /** The counts a TSC base names, in the block's order (its first four). */
    public static final int TSC_COUNTS = 4;
    public static final int TSC_BASE_BYTES = 8 * (2 + 2 * TSC_COUNTS);
    public static final int SIZE = OFF_TSC_BASE + TSC_BASE_BYTES;

    /**
     * Reads a {@code key=value} file as written by the tool ({@code --vbcount-addr-file},
     * {@code --vbcount-out}) or by build.sh ({@code vbcount-block.properties}). Lines starting with
     * '#' and lines without '=' are ignored; order is kept.
     */
    public static Map<String, String> readKeyValues(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Parses "0x5822e040" or a decimal number. */
    public static long parseAddress(String text) {
        String t = text.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return Long.parseUnsignedLong(t.substring(2), 16);
        }
        return Long.parseUnsignedLong(t);
    }
}
