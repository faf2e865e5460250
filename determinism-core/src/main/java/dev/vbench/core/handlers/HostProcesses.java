package dev.vbench.core.handlers;

/** What the process handler asks of the host kernel directly: process groups and signals. Faked in tests. */
public interface HostProcesses {
    /** The process group of real pid {@code realPid} (0: vbench itself), or -1. */
    int groupOf(int realPid);

    /** Sends {@code signal} to real pid {@code realPid}; whether it was delivered. */
    boolean kill(int realPid, int signal);
}
