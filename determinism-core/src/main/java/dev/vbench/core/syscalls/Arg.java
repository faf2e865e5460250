package dev.vbench.core.syscalls;

/** What one system call argument is, for reading it in a trace and checking how handlers use it. */
public enum Arg {
    /** A file descriptor. */
    FD,
    /** A plain integer (a count, a mode, an operation code). */
    INT,
    /** Bit flags. */
    FLAGS,
    /** A byte count. */
    SIZE,
    /** A process, thread or group id, in the ids the guest sees (translated by the supervisor). */
    PID,
    /** A signal number. */
    SIGNAL,
    /** A NUL-terminated path the kernel reads. */
    PATH,
    /** A pointer to memory the kernel reads (a struct, a buffer). */
    IN,
    /** A pointer to memory the kernel writes. */
    OUT,
    /** A pointer the kernel only keeps or compares (a futex word, a tid address, a stack). */
    ADDR
}
