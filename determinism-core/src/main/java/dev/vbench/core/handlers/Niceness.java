package dev.vbench.core.handlers;

import dev.vbench.core.nativ.Native;

/**
 * Nice values as if vbench ran at nice 0. The guest inherits the supervisor's nice value (a CI job
 * started under {@code nice}), which would show in {@code ps}, {@code nice} and getpriority and
 * make output depend on how vbench was started; the guest sees its nice value less the
 * supervisor's, and what it sets is shifted back (within the kernel's -20..19).
 */
final class Niceness {
    private static final int SYS_GETPRIORITY = 140, PRIO_PROCESS = 0;
    /** The supervisor's own nice value: getpriority returns 20 - nice. */
    static final int BASE = 20 - (int) Native.libc().syscall(SYS_GETPRIORITY, PRIO_PROCESS, 0, 0);

    private Niceness() {}

    /** The nice value the guest sees for a real one. */
    static int shown(int realNice) {
        return realNice - BASE;
    }

    /** The real nice value for one the guest asks for. */
    static int real(int shownNice) {
        return Math.max(-20, Math.min(19, shownNice + BASE));
    }

    /** getpriority's raw result (20 - nice, so 1..40) as the guest sees it. */
    static long shownPriorityResult(long raw) {
        return 20 - shown(20 - (int) raw);
    }
}
