package dev.vbench.clock.valgrind;

import dev.vbench.clock.ChargedClock;
import dev.vbench.clock.CounterBackend;
import dev.vbench.clock.Counts;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.nativ.NativeException;
import dev.vbench.core.nativ.RemoteMemory;
import dev.vbench.core.run.HostEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import jnr.ffi.Pointer;

/**
 * The software PMU: the guest runs inside Valgrind with the project's vbcount tool, which counts
 * executed instructions and branches exactly into a block at a fixed address of the Valgrind
 * process. The supervisor reads the block at each stop with process_vm_readv; at a system call
 * the counts are exact, because a system call ends a superblock.
 */
public final class ValgrindCounter implements CounterBackend {
    private static final int HEADER = VbcountLayout.OFF_IND_BRANCHES + 8;
    /** The counts in the order {@link #read} fills them. */
    private static final List<String> COUNTS = List.of(Counts.INSTRUCTIONS, Counts.BRANCHES_CONDITIONAL,
            Counts.BRANCHES_INDIRECT, Counts.SYSCALLS, Counts.BYTES_READ, Counts.BYTES_WRITTEN, Counts.BYTES_MAPPED,
            Counts.PAGES_TOUCHED, Counts.CACHE_MISSES, Counts.CACHE_LINES_STREAMED, Counts.BRANCH_MISPREDICTS,
            Counts.LONG_LATENCY_OPS, Counts.ATOMIC_OPS, Counts.CACHE_MID_MISSES, Counts.ISSUE_SLOTS);
    /** Where {@link #read} puts issue slots, which the block keeps as their excess over the instructions. */
    private static final int ISSUE_SLOTS_AT = COUNTS.indexOf(Counts.ISSUE_SLOTS);
    private static final StateKey<BlockState> BLOCK = StateKey.of("vbcount block", BlockState::new);

    private final VbcountTool tool;
    private final Path stableLibDir;
    private final RemoteMemory memory = new RemoteMemory();

    /** Valgrind's own default --max-threads is 500; guests with more threads alive die in its panic. */
    public static final int DEFAULT_MAX_THREADS = 2048;

    private final int maxThreads;
    /** The guest's clock, once the run has made it; vbcount's rdtsc counts on from its charges. */
    private ChargedClock clock;
    /**
     * The prices of the counts a TSC base names, in whole nanoseconds; null if the clock prices
     * anything else or a fraction, which vbcount could not follow (every rdtsc then stops).
     */
    private long[] tscPrices;

    /**
     * @param maxThreads the most threads one guest process may have alive at once (Valgrind's --max-threads)
     * @throws VbcountBuildException if the tool cannot be reached through a path only root and this user
     *     control (see {@link StableToolLink})
     */
    public ValgrindCounter(VbcountTool tool, int maxThreads) throws VbcountBuildException {
        this(tool, maxThreads, Path.of("/tmp"));
    }

    /** As above, with the stable link made in {@code linkDir} instead of /tmp (tests). */
    ValgrindCounter(VbcountTool tool, int maxThreads, Path linkDir) throws VbcountBuildException {
        if (maxThreads < 2) {
            throw new IllegalArgumentException("the thread limit must be at least 2, not " + maxThreads);
        }
        this.tool = tool;
        this.maxThreads = maxThreads;
        this.stableLibDir = StableToolLink.ensure(tool.libDir(), linkDir);
    }

    /**
     * From outside, the guest's system calls cannot be told from Valgrind's own (Valgrind makes
     * many of them through the same instruction), so the supervisor counts none of them and the
     * tool's own count, read live like the instruction counts, stands for the guest's.
     */
    @Override
    public boolean isGuestSyscall(GuestThread thread, long rip) {
        return false;
    }

    @Override
    public boolean countsGuestSyscalls() {
        return true;
    }

    /** Valgrind's big-lock hand-offs stop whenever another thread could run (see beforeResume). */
    @Override
    public boolean preemptsAtTimeSlices() {
        return true;
    }

    /** vbcount's private instruction: Valgrind's gettid, big-lock and signal-poll housekeeping. */
    @Override
    public long privateSyscallSite() {
        return tool.privateSyscallSite();
    }

    /**
     * Adds the system calls the process made since the last harvest, by number, and says so if the
     * process had as many threads alive as Valgrind allows (it then dies in Valgrind's panic).
     */
    @Override
    public void imageEnds(GuestThread thread, long[] countsByNr, java.util.function.Consumer<String> note) {
        if (memory.read(thread.tid(), tool.blockAddress() + VbcountLayout.OFF_MAX_LIVE_THREADS, 24) == 24) {
            Pointer p = memory.scratch(24);
            long maxLive = p.getLong(0);
            long limit = p.getLong(8);
            long cloneFlags = p.getLong(16);
            if (cloneFlags != 0) {
                note.accept(String.format("the program called clone() with flags 0x%x: CLONE_VM without CLONE_THREAD,"
                        + " a process sharing its parent's memory, which Valgrind cannot run (it stops the program);"
                        + " run it with --counter none, or --counter perf on a machine with a PMU", cloneFlags));
            }
            if (limit > 0 && maxLive >= limit) {
                note.accept("a guest process reached the limit of " + limit + " threads alive at once under Valgrind:"
                        + " Valgrind refuses a thread past it and stops the process; raise the limit with --max-threads");
            }
        }
        harvestRegions(thread);
        long[] now = readByNr(thread);
        if (now == null) {
            return;
        }
        long[] done = state(thread.process()).harvested;
        for (int nr = 0; nr < now.length && nr < countsByNr.length; nr++) {
            countsByNr[nr] += now[nr] - done[nr];
        }
        System.arraycopy(now, 0, done, 0, now.length);
    }

    /**
     * A forked child's block is a copy of its parent's: its counts so far are the parent's, not its
     * own, and its {@code alone} field holds what was last written to the parent's.
     */
    @Override
    public void onNewThread(GuestThread parent, GuestThread child) {
        if (child.process() != parent.process()) {
            BlockState from = state(parent.process());
            BlockState to = state(child.process());
            long[] now = readByNr(parent);
            if (now != null) {
                System.arraycopy(now, 0, to.harvested, 0, now.length);
            }
            to.present = from.present;
            to.guestStarted = from.guestStarted;
            to.alone = from.alone;
            to.pauses = from.pauses;
            to.pausesChecked = from.pauses;
            to.tscReads = from.tscReads; // the copied TSC base is rewritten before the child runs
        }
    }

    @Override
    public void onExec(GuestThread thread) {
        thread.process().state().put(BLOCK, new BlockState()); // the new image's tool starts from zero
        VbcountRegionTable.reset(thread.process());
    }

    /** Start-up instructions and regions (block version 6), to the run's region recorder. */
    private void harvestRegions(GuestThread thread) {
        if (!state(thread.process()).present) {
            return; // not a vbcount process (the launcher shell): no block to read
        }
        int n = VbcountRegionTable.BYTES;
        if (memory.read(thread.tid(), tool.blockAddress() + VbcountLayout.OFF_MAIN_INSNS, n) != n) {
            return;
        }
        byte[] part = new byte[n];
        memory.scratch(n).get(0, part, 0, n);
        VbcountRegionTable.harvest(part, thread.process());
    }

    @Override
    public void useClock(ChargedClock clock) {
        this.clock = clock;
        long[] prices = new long[VbcountLayout.TSC_COUNTS];
        for (int i = 0; i < COUNTS.size(); i++) {
            double price = clock.price(i);
            if (i >= prices.length ? price != 0 : price != Math.rint(price)) {
                // vbcount could not charge as the clock will: every rdtsc asks the clock (a stop).
                tscPrices = null;
                return;
            }
            if (i < prices.length) {
                prices[i] = (long) price;
            }
        }
        tscPrices = prices;
    }

    /**
     * Tells the process's vbcount whether Valgrind's big-lock hand-offs must stop (vb_housekeeping.c)
     * and, if the guest reads the TSC, the base it computes the TSC from until the next stop.
     */
    @Override
    public void beforeResume(GuestThread thread, boolean othersCouldRun) {
        BlockState s = state(thread.process());
        if (!s.present) {
            return;
        }
        int alone = othersCouldRun ? 0 : 1;
        try {
            if (s.alone != alone) {
                memory.writeLong(thread.tid(), tool.blockAddress() + VbcountLayout.OFF_ALONE, alone);
                s.alone = alone;
            }
            if (tscPrices != null) {
                keepTscBase(thread, s);
            }
        } catch (NativeException e) {
            // The process is gone (killed meanwhile): waitpid reports it next.
        }
    }

    /**
     * Writes the TSC now and the counts the clock charged it from (the process is stopped, so they are
     * its counts now too) if the guest read the TSC since the last base: vbcount adds the counts since,
     * priced as the clock will price them at the next stop, so the guest's TSC never disagrees with its
     * other clocks. A base the guest stopped reading is invalidated once instead of rewritten at every
     * resume (the time moves on at nearly every stop): its next read asks the clock, a stop, and gets a
     * base again.
     */
    private void keepTscBase(GuestThread thread, BlockState s) {
        long base = tool.blockAddress() + VbcountLayout.OFF_TSC_BASE;
        if (s.tscReads == 0 || s.tscReads == s.tscReadsAtBase) {
            if (s.baseValid) {
                memory.writeLong(thread.tid(), base, 0);
                s.baseValid = false;
            }
            return;
        }
        Pointer p = memory.scratch(VbcountLayout.TSC_BASE_BYTES);
        p.putLong(0, 1);
        p.putLong(8, clock.tsc());
        for (int i = 0; i < VbcountLayout.TSC_COUNTS; i++) {
            p.putLong(16 + 8L * i, clock.charged(thread.process(), i));
            p.putLong(16 + 8L * (VbcountLayout.TSC_COUNTS + i), tscPrices[i]);
        }
        memory.write(thread.tid(), base, VbcountLayout.TSC_BASE_BYTES);
        s.tscReadsAtBase = s.tscReads;
        s.baseValid = true;
    }

    /**
     * A thread that ran a spin-wait hint ({@code pause}) since its process's previous stop waits for a
     * flag only another thread can set: Valgrind then ends its time slice within 300 superblocks, and the
     * big-lock hand-off that follows should go to another thread. Decided from the count the last
     * {@link #read} saw, so the same on every run.
     */
    @Override
    public boolean spinning(GuestThread thread) {
        BlockState s = state(thread.process());
        boolean paused = s.pauses != s.pausesChecked;
        s.pausesChecked = s.pauses;
        return paused;
    }

    private long[] readByNr(GuestThread thread) {
        int bytes = 8 * VbcountLayout.MAX_SYSCALL;
        if (memory.read(thread.tid(), tool.blockAddress() + VbcountLayout.OFF_SYSCALLS_BY_NR, bytes) != bytes) {
            return null;
        }
        long[] out = new long[VbcountLayout.MAX_SYSCALL];
        memory.scratch(bytes).get(0, out, 0, out.length);
        return out;
    }

    /** What the supervisor knows of one process's vbcount block, since its last exec. */
    private static final class BlockState {
        /** The guest system calls by number already added to the run's counts. */
        final long[] harvested = new long[VbcountLayout.MAX_SYSCALL];
        /** The process runs vbcount: its block was seen. */
        boolean present;
        /** The guest's own code has run (instructions counted): Valgrind's start-up is over. */
        boolean guestStarted;
        /** The value last written to the block's {@code alone} field; -1 if none was. */
        int alone = -1;
        /** The block's {@code pauses} at the last read, and at the last {@link #spinning} check. */
        long pauses;
        long pausesChecked;
        /** The block's {@code tsc_reads} at the last read: once not 0, each resume writes a TSC base. */
        long tscReads;
        /** The block's {@code tsc_reads} when its TSC base was last written (-1: never), and whether that base is valid. */
        long tscReadsAtBase = -1;
        boolean baseValid;
    }

    private static BlockState state(GuestProcess process) {
        return process.state().get(BLOCK);
    }

    /** Valgrind answers rdtsc and cpuid itself once its start-up is over: the traps are taken back then. */
    @Override
    public boolean keepsCpuTraps() {
        return false;
    }

    /**
     * Valgrind runs cpuid natively only in its start-up (to choose the CPU it presents), before the
     * guest's first instruction; afterwards vbcount answers rdtsc and Valgrind's synthetic CPU cpuid.
     */
    @Override
    public boolean answersCpuInstructions(GuestThread thread) {
        return state(thread.process()).guestStarted;
    }

    /** Valgrind's start-up temporary files, which would collide between runs ({@link ValgrindTempFiles}). */
    @Override
    public List<dev.vbench.core.handlers.SyscallHandler> handlers() {
        return List.of(new ValgrindTempFiles(thread -> !state(thread.process()).guestStarted));
    }

    @Override
    public boolean virtualizesTsc() {
        return true; // vbcount answers rdtsc from virtual time (a TSC base, or CLOCK_MONOTONIC)
    }

    @Override
    public String cpuidSource() {
        return "Valgrind's synthetic CPU (" + tool.valgrindVersion() + "; fixed for a host CPU class)";
    }

    @Override
    public String name() {
        return "valgrind";
    }

    @Override
    public List<String> countNames() {
        return COUNTS;
    }

    /**
     * valgrind -q --tool=vbcount --trace-children=yes --vgdb=no GUEST: every process of the tree
     * runs counted; no vgdb FIFOs appear in the guest's /tmp.
     */
    @Override
    public List<String> launchCommand(List<String> guest) {
        // Valgrind counts the thread slot 0 it never uses: N+1 lets N threads be alive at once.
        // Checking stores (pages touched), the cache and the branch predictor cost more than
        // everything else vbcount does (a 2M-int qsort: 1.03 s under --tool=none, vbcount 1.14 s
        // without them, 1.39 s checking stores, 1.50 s simulating the cache, 1.80 s with the branch
        // predictor too), and only a calibrated model that prices their counts needs them: off
        // unless asked (simulating).
        List<String> options = List.of("-q", "--trace-children=yes", "--vgdb=no", "--error-limit=no",
                "--max-threads=" + (maxThreads + 1), "--vbcount-mem=no", "--vbcount-branch-sim=no");
        List<String> command = new java.util.ArrayList<>(tool.command(options, guest));
        command.set(0, launcher(tool.valgrind()));
        return command;
    }

    /**
     * {@code launched} (a command from {@link #launchCommand} for {@code guest}) with the simulations
     * on that give any of {@code counts}; unchanged if none of them is simulated.
     */
    public static List<String> simulating(List<String> launched, List<String> guest, Collection<String> counts) {
        List<String> options = new ArrayList<>();
        if (counts.stream().anyMatch(Counts.CACHE_SIMULATION::contains)) {
            options.add("--vbcount-mem=all"); // a later option wins over the default's "no"
        } else if (counts.stream().anyMatch(Counts.STORE_CHECKS::contains)) {
            options.add("--vbcount-mem=stores"); // pages touched: stores checked, no cache simulated
        }
        if (counts.stream().anyMatch(Counts.BRANCH_SIMULATION::contains)) {
            options.add("--vbcount-branch-sim=yes");
        }
        return withToolOptions(launched, guest, options);
    }

    /**
     * {@code launched} (a command from {@link #launchCommand} for {@code guest}) with per-function
     * attribution on: vbcount appends each process image's profile to {@code dir/vbcount-attr.PID}
     * (read them with {@link VbcountProfileFile}).
     */
    public static List<String> attributing(List<String> launched, List<String> guest, Path dir) {
        return withToolOptions(launched, guest,
                List.of("--vbcount-attr=" + dir.toAbsolutePath().resolve(ATTR_FILE_PREFIX + "%p")));
    }

    /**
     * The counts a command from {@link #launchCommand} leaves off (pages touched, the cache's and
     * the branch predictor's, unless {@link #simulating} turned them on); none for a command that is not vbcount's.
     * They read 0 from the tool and must be reported as not measured. Only the options before
     * {@code guest} count: the guest's own arguments may say anything.
     */
    public static Set<String> unsimulated(List<String> launched, List<String> guest) {
        if (launched.size() < guest.size()) {
            return Set.of();
        }
        List<String> options = launched.subList(0, launched.size() - guest.size());
        if (!options.contains("--vbcount-mem=no")) {
            return Set.of(); // not a vbcount command line
        }
        Set<String> off = new java.util.HashSet<>();
        if (!options.contains("--vbcount-mem=all")) {
            off.addAll(Counts.CACHE_SIMULATION);
            if (!options.contains("--vbcount-mem=stores")) {
                off.addAll(Counts.STORE_CHECKS);
            }
        }
        if (!options.contains("--vbcount-branch-sim=yes")) {
            off.addAll(Counts.BRANCH_SIMULATION);
        }
        return Set.copyOf(off);
    }

    /** Tool options go after Valgrind's and before the guest's command, which ends the line. */
    private static List<String> withToolOptions(List<String> launched, List<String> guest, List<String> options) {
        if (!launched.subList(launched.size() - guest.size(), launched.size()).equals(guest)) {
            throw new IllegalArgumentException("not a command that ends with the guest " + guest + ": " + launched);
        }
        List<String> command = new ArrayList<>(launched);
        command.addAll(launched.size() - guest.size(), options);
        return command;
    }

    /** The name of the files {@link #attributing} makes vbcount write, before the pid. */
    public static final String ATTR_FILE_PREFIX = "vbcount-attr.";

    /**
     * Debian's valgrind is a shell script around valgrind.bin that exports PWD, LD_LIBRARY_PATH
     * and two GLIBCXX variables into the guest's environment: the working directory would then
     * change what the guest computes. The binary next to it is started directly.
     */
    static String launcher(String valgrind) {
        Path given = Path.of(valgrind);
        Path resolved = given.isAbsolute() ? given : findInPath(valgrind);
        if (resolved != null) {
            Path binary = resolved.resolveSibling(resolved.getFileName() + ".bin");
            if (java.nio.file.Files.isExecutable(binary)) {
                return binary.toString();
            }
        }
        return valgrind;
    }

    /** The executable {@code name} on the PATH, or null. */
    static Path findInPath(String name) {
        String path = HostEnvironment.get("PATH");
        for (String dir : (path == null ? "" : path).split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (java.nio.file.Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Valgrind puts VALGRIND_LIB and LD_PRELOAD (a path below it) into the guest's environment,
     * and their length changes what the dynamic loader does: the directory is named by a link
     * whose path is the same on every host for this Valgrind version and tool source, checked
     * before use ({@link StableToolLink}).
     */
    @Override
    public List<String> launchEnvironment() {
        return List.of("VALGRIND_LIB=" + stableLibDir);
    }

    /**
     * Reads the process's block: instructions, branches, the guest's system calls, bytes read,
     * written and mapped, pages touched, simulated cache misses (and lines streamed) and branch
     * mispredictions, long-latency and atomic operations and issue slots so far; keeps the pauses
     * for {@link #spinning} and whether the guest reads the TSC for {@link #beforeResume}.
     */
    @Override
    public boolean read(GuestThread thread, long[] out) {
        // The header, the syscall total, the features and the pauses and TSC reads after them, in one system call:
        // this runs at every stop.
        int tail = VbcountLayout.OFF_TSC_BASE - VbcountLayout.OFF_FEATURES;
        int want = HEADER + 8 + tail;
        int n = memory.readThree(thread.tid(), tool.blockAddress(), HEADER,
                tool.blockAddress() + VbcountLayout.OFF_CLIENT_SYSCALLS, 8,
                tool.blockAddress() + VbcountLayout.OFF_FEATURES, tail);
        if (n != want) {
            return false; // not (yet) a Valgrind process: the launcher shell, or valgrind's own launcher
        }
        Pointer p = memory.scratch(want);
        if (p.getLong(VbcountLayout.OFF_MAGIC) != VbcountLayout.MAGIC) {
            return false;
        }
        BlockState s = state(thread.process());
        s.present = true;
        s.pauses = p.getLong(HEADER + 8 + VbcountLayout.FEATURES_READ);
        s.tscReads = p.getLong(HEADER + 8 + VbcountLayout.FEATURES_READ + 8);
        out[0] = p.getLong(VbcountLayout.OFF_INSNS);
        s.guestStarted = out[0] > 0;
        out[1] = p.getLong(VbcountLayout.OFF_COND_BRANCHES);
        out[2] = p.getLong(VbcountLayout.OFF_IND_BRANCHES);
        out[3] = p.getLong(HEADER);
        for (int i = 0; i < VbcountLayout.FEATURES_READ / 8; i++) {
            out[4 + i] = p.getLong(HEADER + 8 + 8L * i);
        }
        out[ISSUE_SLOTS_AT] += out[0];
        return true;
    }
}
