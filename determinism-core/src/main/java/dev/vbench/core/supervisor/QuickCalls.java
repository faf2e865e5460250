package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.handlers.ClockReader;
import dev.vbench.core.handlers.SyscallHandler;
import dev.vbench.core.nativ.AnswerBlock;
import dev.vbench.core.syscalls.Syscall;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The calls the tracer may answer by itself while the supervisor waits for the running thread
 * ({@link dev.vbench.core.nativ.Tracer#waitpidAnswering}): a stop then costs two switches between
 * guest and tracer, and no round trip to the supervisor.
 *
 * <p>Which calls: those whose answer is pure data about the caller, the same whatever their
 * arguments and until something else happens in the tree ({@link #PURE}), with the answer the
 * supervisor's handler gave this thread for the same call, learned at its last answer, if no other
 * event of any thread has been taken since (an exit reparents, an exec, a clone...). And the clock
 * reads ({@link #CLOCK_READS}): every call the tracer answers charges the same to every clock, so
 * the tracer reads a clock as its value at the resume plus that charge for each call answered since.
 *
 * <p>When: only while the thread runs alone, with no other thread ready, no timer armed and no
 * wait on the outside, and for no more calls than keep virtual time short of the earliest deadline
 * of a parked thread ({@code WaitChecker.callsAlone}), so that no scheduling decision could fall
 * between two of its calls; and only where charging a call costs the same whenever it is charged
 * (no counter is read at stops). The supervisor then takes the log afterwards, call by
 * call, as it would have taken each stop ({@code Supervisor.takeQuickAnswers}): the counts, the
 * order, the virtual time and the schedule are the ones it gives without quick calls.
 *
 * <p>Which waits: an armed wait is dearer than a plain one when it answers nothing (on the
 * supervisor's own thread it takes and gives back the guest's trap flags and the signal mask: 100k
 * lseek on one CPU took 1.07 s armed against 0.81 s plain). So a wait is armed only right after the
 * thread's own call the tracer could have answered (a run of such calls is likely under way), and
 * after an armed wait that answered nothing the thread's next {@link #BACKOFF} chances are passed
 * up (a clock read between other calls, as in "read the clock, write a line").
 *
 * <p>{@code -Dvbench.quickCalls=off} turns them off, {@code report} prints how many there were.
 */
final class QuickCalls {
    /** Calls whose answer is the caller's identity: its ids, its parent's, its user's and groups. */
    private static final List<Syscall> PURE = List.of(Syscall.GETPID, Syscall.GETTID, Syscall.GETPPID,
            Syscall.GETUID, Syscall.GETEUID, Syscall.GETGID, Syscall.GETEGID, Syscall.GETGROUPS);
    /** Calls that read a clock, answered as TimeHandler answers them. */
    private static final List<Syscall> CLOCK_READS = List.of(Syscall.CLOCK_GETTIME, Syscall.GETTIMEOFDAY, Syscall.TIME);
    static final String PROPERTY = "vbench.quickCalls";
    /** Chances to arm a thread's wait passed up after one of its armed waits answered nothing. */
    static final int BACKOFF = 64;

    /** A thread's answers as the supervisor gave them, valid while {@link #epoch} is theirs. */
    private static final class Learned {
        long epoch = -1;
        int count;
        /** Chances to arm its wait still to pass up ({@link #BACKOFF}). */
        int passes;
        final int[] nr = new int[AnswerBlock.ENTRIES];
        final long[] value = new long[AnswerBlock.ENTRIES];
    }

    private static final StateKey<Learned> LEARNED = StateKey.of("quick call answers", Learned::new);

    private final BitSet pure = new BitSet();
    private final BitSet clockReads = new BitSet();
    /** The clocks clock_gettime reads, or null if the tracer reads none. */
    private final ClockReader clocks;
    /** What every call charges to every clock, or -1 without quick calls. */
    private final long callCharge;
    private final long[] clockValues = new long[AnswerBlock.CLOCKS];
    private final AnswerBlock block;
    private final boolean report;
    /** Counts the events after which a learned answer may no longer hold: every one but a pure call or a clock read answered. */
    private long epoch;
    /**
     * The thread whose pure call or clock read the event being taken answered, or null: the event
     * keeps every learned answer, and that thread's next wait may be armed.
     */
    private GuestThread answeredQuickly;
    private long answeredByTracer;

    /**
     * @param enabled    whether the run allows them at all (runtime and tracing permitting)
     * @param firstLook  the calls some handler from outside the determinizer sees first: never quick
     * @param clocks     how clock_gettime reads the clocks, or null
     * @param callCharge what every call charges to every clock ({@code GuestClock.callChargeNanos}),
     *                   or -1 if that varies: then there are no quick calls
     */
    QuickCalls(boolean enabled, BitSet firstLook, ClockReader clocks, long callCharge) {
        String mode = System.getProperty(PROPERTY, "on");
        this.report = mode.equals("report");
        boolean on = enabled && callCharge >= 0 && !mode.equals("off");
        this.block = on ? new AnswerBlock() : null;
        if (on) {
            PURE.forEach(s -> pure.set(s.nr()));
            pure.andNot(firstLook);
        }
        CLOCK_READS.forEach(s -> clockReads.set(s.nr()));
        this.clocks = on && !clockReads.intersects(firstLook) ? clocks : null;
        this.callCharge = on ? callCharge : -1;
    }

    /**
     * The quick calls of a run whose handlers are {@code standard} and {@code extra} (which see
     * their calls first, so those are never quick); the other arguments as for the constructor.
     */
    static QuickCalls of(List<SyscallHandler> standard, List<SyscallHandler> extra, boolean enabled, long callCharge) {
        BitSet firstLook = new BitSet();
        extra.forEach(h -> h.syscalls().forEach(call -> firstLook.set(call.nr())));
        ClockReader clocks = standard.stream().filter(h -> h instanceof ClockReader).map(h -> (ClockReader) h)
                .findFirst().orElse(null);
        return new QuickCalls(enabled, firstLook, clocks, callCharge);
    }

    /** An event (a stop, an end) is about to be taken. */
    void eventBegins() {
        answeredQuickly = null;
    }

    /** The event is taken: unless it was a pure call or a clock read answered, every answer learned so far is void. */
    void eventEnds() {
        if (answeredQuickly == null) {
            epoch++;
        }
    }

    /** The supervisor answered {@code thread}'s call {@code nr} with {@code value} (no kernel involved). */
    void answered(GuestThread thread, int nr, long value) {
        if (clocks != null && clockReads.get(nr)) {
            answeredQuickly = thread; // a clock read changes no one's answers
            return;
        }
        if (!pure.get(nr)) {
            return;
        }
        answeredQuickly = thread;
        Learned l = thread.state().get(LEARNED);
        if (l.epoch != epoch) {
            l.epoch = epoch;
            l.count = 0;
        }
        for (int i = 0; i < l.count; i++) {
            if (l.nr[i] == nr) {
                l.value[i] = value;
                return;
            }
        }
        if (l.count < l.nr.length) {
            l.nr[l.count] = nr;
            l.value[l.count++] = value;
        }
    }

    /**
     * The answers the tracer may give {@code thread}, about to be resumed, until its next other
     * event; null if its wait is not to be armed (see the class comment). {@code callsAlone} tells,
     * from the charge of a call, for how many calls the thread would run alone.
     */
    AnswerBlock arm(GuestThread thread, LongUnaryOperator callsAlone) {
        if (block == null || thread != answeredQuickly) {
            return null;
        }
        Learned l = thread.state().get(LEARNED);
        if (l.passes > 0) {
            l.passes--;
            return null;
        }
        boolean learned = l.epoch == epoch && l.count > 0;
        long calls = learned || clocks != null ? callsAlone.applyAsLong(callCharge) : 0;
        if (calls <= 0) {
            return null;
        }
        block.clear();
        block.limit(calls);
        for (int i = 0; learned && i < l.count; i++) {
            block.add(l.nr[i], l.value[i]);
        }
        if (clocks != null) {
            for (int id = 0; id < clockValues.length; id++) {
                clockValues[id] = clocks.clockNanos(thread, id);
            }
            block.setClocks(callCharge, clockValues);
        }
        return block;
    }

    /** {@code thread}'s armed wait is over: the tracer answered {@code n} calls by itself. */
    void tookAnswers(GuestThread thread, int n) {
        answeredByTracer += n;
        thread.state().get(LEARNED).passes = n == 0 ? BACKOFF : 0;
    }

    /** At the run's end, under {@code -Dvbench.quickCalls=report}: how many calls the tracer answered. */
    void reportEnd(long syscalls) {
        if (report) {
            System.err.printf("vbench-quick-calls: %d of %d system calls answered by the tracer alone%n",
                    answeredByTracer, syscalls);
        }
    }
}
