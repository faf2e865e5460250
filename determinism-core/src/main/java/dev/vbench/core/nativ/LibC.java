package dev.vbench.core.nativ;

import jnr.ffi.Pointer;

/**
 * The few libc functions the supervisor needs, bound with jnr-ffi.
 *
 * <p>ptrace, syscall and prctl are variadic in glibc; fixed-arity bindings with long arguments
 * are correct on x86-64 SysV and faster than {@code @Variadic} (platform notes, pitfall 2).
 * Addresses are passed as long.
 */
public interface LibC {
    long ptrace(long request, long pid, long addr, long data);

    int waitpid(int pid, Pointer status, int options);

    int kill(int pid, int signal);

    int geteuid();

    int getegid();

    long syscall(long number, long a1, long a2, long a3);

    /** The 5-argument form (perf_event_open); needs jnr.ffi.x86asm.enabled=false (pitfall 1). */
    long syscall(long number, long a1, long a2, long a3, long a4, long a5);

    long read(int fd, Pointer buffer, long count);

    long write(int fd, Pointer buffer, long count);

    long send(int fd, Pointer buffer, long count, int flags);

    int getsockopt(int fd, int level, int name, Pointer value, Pointer length);

    int flock(int fd, int operation);

    int poll(Pointer fds, long nfds, int timeout);

    int sched_getaffinity(int pid, long size, Pointer mask);

    int sched_setaffinity(int pid, long size, Pointer mask);

    int fcntl(int fd, int cmd, long arg);

    int personality(long persona);

    long process_vm_readv(int pid, Pointer localIov, long localCount, Pointer remoteIov, long remoteCount, long flags);

    long process_vm_writev(int pid, Pointer localIov, long localCount, Pointer remoteIov, long remoteCount, long flags);

    int open(String path, int flags);

    int close(int fd);

    // posix_spawn and its attributes: the JVM's own fork is unusable here (platform notes 4, 5).
    int posix_spawn(Pointer pid, String path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawn_file_actions_addopen(Pointer actions, int fd, String path, int flags, int mode);

    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    int posix_spawn_file_actions_addclose(Pointer actions, int fd);

    int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    String strerror(int errnum);
}
