package dev.vbench.core.syscalls;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * System calls by what they cost the kernel, for calibrated models: one price per system call
 * cannot fit both a getppid (about 0.1 us) and a fork (about 35 us). Every call is in exactly one
 * class; a call no class lists (including numbers without a name) is {@link #CHEAP}.
 *
 * <ul>
 * <li>{@link #PROCESS}: creating, replacing or ending a process or thread (clone, fork, execve, exit).
 * <li>{@link #MEMORY}: the address space (mmap, munmap, mprotect, brk, madvise...).
 * <li>{@link #BLOCKING}: calls whose purpose is to wait (futex, wait4, poll, epoll_wait, nanosleep,
 *     sched_yield...): natively a context switch or two.
 * <li>{@link #FILE}: descriptors, paths and the data through them (open, read, write, stat, getdents,
 *     sockets, pipes...).
 * <li>{@link #CHEAP}: the rest, which read or set a little kernel state (getpid, clock_gettime,
 *     rt_sigprocmask, getrandom, uname, prctl...).
 * </ul>
 */
public enum SyscallClass {
    CHEAP("syscalls_cheap"),
    FILE("syscalls_file"),
    MEMORY("syscalls_memory"),
    PROCESS("syscalls_process"),
    BLOCKING("syscalls_blocking");

    private static final Set<String> PROCESS_CALLS = Set.of("clone", "clone3", "fork", "vfork", "execve", "execveat",
            "exit", "exit_group", "unshare", "setns");
    private static final Set<String> MEMORY_CALLS = Set.of("mmap", "munmap", "mprotect", "mremap", "brk", "madvise",
            "msync", "mincore", "mlock", "mlock2", "munlock", "mlockall", "munlockall", "remap_file_pages", "mbind",
            "set_mempolicy", "get_mempolicy", "migrate_pages", "move_pages", "pkey_mprotect", "pkey_alloc", "pkey_free",
            "process_madvise", "membarrier", "shmget", "shmat", "shmdt", "shmctl", "memfd_secret", "userfaultfd",
            "process_vm_readv", "process_vm_writev", "modify_ldt", "set_thread_area", "get_thread_area",
            "set_mempolicy_home_node", "process_mrelease");
    private static final Set<String> BLOCKING_CALLS = Set.of("futex", "futex_waitv", "wait4", "waitid", "poll", "ppoll",
            "select", "pselect6", "epoll_wait", "epoll_pwait", "epoll_pwait2", "epoll_wait_old", "nanosleep",
            "clock_nanosleep", "pause", "rt_sigsuspend", "rt_sigtimedwait", "sched_yield", "accept", "accept4",
            "io_getevents", "io_pgetevents", "msgrcv", "msgsnd", "semop", "semtimedop", "mq_timedreceive",
            "mq_timedsend");
    private static final Set<String> FILE_CALLS = Set.of("read", "write", "open", "close", "stat", "fstat", "lstat",
            "lseek", "ioctl", "pread64", "pwrite64", "readv", "writev", "access", "pipe", "dup", "dup2", "dup3",
            "sendfile", "socket", "connect", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg",
            "shutdown", "bind", "listen", "getsockname", "getpeername", "socketpair", "setsockopt", "getsockopt",
            "fcntl", "fsync", "fdatasync", "truncate", "ftruncate", "getdents", "getdents64", "getcwd", "chdir",
            "fchdir", "rename", "renameat", "renameat2", "mkdir", "mkdirat", "rmdir", "creat", "link", "linkat",
            "unlink", "unlinkat", "symlink", "symlinkat", "readlink", "readlinkat", "chmod", "fchmod", "fchmodat",
            "chown", "fchown", "lchown", "fchownat", "utime", "utimes", "utimensat", "futimesat", "mknod", "mknodat",
            "statfs", "fstatfs", "ustat", "sync", "syncfs", "sync_file_range", "readahead", "fadvise64", "fallocate",
            "setxattr", "lsetxattr", "fsetxattr", "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr",
            "flistxattr", "removexattr", "lremovexattr", "fremovexattr", "openat", "openat2", "newfstatat", "statx",
            "faccessat", "faccessat2", "splice", "tee", "vmsplice", "copy_file_range", "preadv", "pwritev",
            "preadv2", "pwritev2", "pipe2", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "eventfd",
            "eventfd2", "signalfd", "signalfd4", "timerfd_create", "timerfd_settime", "timerfd_gettime",
            "inotify_init", "inotify_init1", "inotify_add_watch", "inotify_rm_watch", "fanotify_init", "fanotify_mark",
            "memfd_create", "close_range", "name_to_handle_at", "open_by_handle_at", "io_setup", "io_destroy",
            "io_submit", "io_cancel", "io_uring_setup", "io_uring_enter", "io_uring_register", "mq_open", "mq_unlink",
            "mq_notify", "mq_getsetattr", "chroot", "pivot_root", "mount", "umount2", "pidfd_open", "pidfd_getfd", "flock");

    private static final SyscallClass[] BY_NUMBER = new SyscallClass[Syscall.TABLE_SIZE];

    static {
        for (int nr = 0; nr < BY_NUMBER.length; nr++) {
            BY_NUMBER[nr] = ofName(SyscallNames.name(nr));
        }
    }

    private final String countName;

    SyscallClass(String countName) {
        this.countName = countName;
    }

    /** The name of this class's count in results: {@code syscalls_cheap}, {@code syscalls_file}... */
    public String countName() {
        return countName;
    }

    /** The class of call {@code nr}; numbers out of the table are {@link #CHEAP}. */
    public static SyscallClass of(int nr) {
        return nr >= 0 && nr < BY_NUMBER.length ? BY_NUMBER[nr] : CHEAP;
    }

    /** The class of the call the kernel names {@code name} ("clock_gettime"); unknown names are {@link #CHEAP}. */
    public static SyscallClass ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (PROCESS_CALLS.contains(n)) {
            return PROCESS;
        }
        if (MEMORY_CALLS.contains(n)) {
            return MEMORY;
        }
        if (BLOCKING_CALLS.contains(n)) {
            return BLOCKING;
        }
        return FILE_CALLS.contains(n) ? FILE : CHEAP;
    }

    /**
     * Counts by class, every class present (0 if none of its calls was made), in declaration order,
     * from counts by call name as results keep them.
     */
    public static Map<String, Long> count(Map<String, Long> byName) {
        long[] sums = new long[values().length];
        for (Map.Entry<String, Long> e : byName.entrySet()) {
            sums[ofName(e.getKey()).ordinal()] += e.getValue();
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (SyscallClass c : values()) {
            out.put(c.countName, sums[c.ordinal()]);
        }
        return Collections.unmodifiableMap(out);
    }
}
