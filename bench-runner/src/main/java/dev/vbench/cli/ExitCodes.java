package dev.vbench.cli;

/** vbench's exit codes; `vbench run` otherwise exits with the guest's own status. */
final class ExitCodes {
    static final int OK = 0;
    static final int DIFFERENCE = 1;
    static final int USAGE = 2;
    static final int INTERNAL = 3;
    /** `run`: the guest ran too long (as timeout(1)). */
    static final int TIMED_OUT = 124;
    /** `run`: vbench itself failed or was misused (as env(1) and timeout(1)). */
    static final int RUN_FAILED = 125;
    static final int NOT_EXECUTABLE = 126;
    static final int NOT_FOUND = 127;
    static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
