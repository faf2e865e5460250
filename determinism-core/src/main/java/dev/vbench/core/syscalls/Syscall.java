package dev.vbench.core.syscalls;

import static dev.vbench.core.syscalls.Arg.ADDR;
import static dev.vbench.core.syscalls.Arg.FD;
import static dev.vbench.core.syscalls.Arg.FLAGS;
import static dev.vbench.core.syscalls.Arg.IN;
import static dev.vbench.core.syscalls.Arg.INT;
import static dev.vbench.core.syscalls.Arg.OUT;
import static dev.vbench.core.syscalls.Arg.PATH;
import static dev.vbench.core.syscalls.Arg.PID;
import static dev.vbench.core.syscalls.Arg.SIGNAL;
import static dev.vbench.core.syscalls.Arg.SIZE;

import java.util.Locale;

/**
 * The x86-64 system calls vbench handles or watches: number and argument layout, in one table.
 * Handlers name calls by these constants, never by number; a call not listed here passes to the
 * kernel untouched (its name, for reports, comes from {@link SyscallNames}).
 */
public enum Syscall {
    READ(0, FD, OUT, SIZE),
    WRITE(1, FD, IN, SIZE),
    OPEN(2, PATH, FLAGS, INT),
    CLOSE(3, FD),
    STAT(4, PATH, OUT),
    FSTAT(5, FD, OUT),
    LSTAT(6, PATH, OUT),
    POLL(7, IN, INT, INT),
    LSEEK(8, FD, INT, INT),
    IOCTL(16, FD, INT, ADDR),
    READV(19, FD, IN, INT),
    WRITEV(20, FD, IN, INT),
    ACCESS(21, PATH, INT),
    PIPE(22, OUT),
    SELECT(23, INT, IN, IN, IN, IN),
    SCHED_YIELD(24),
    DUP(32, FD),
    DUP2(33, FD, FD),
    PAUSE(34),
    NANOSLEEP(35, IN, OUT),
    GETITIMER(36, INT, OUT),
    ALARM(37, INT),
    SETITIMER(38, INT, IN, OUT),
    GETPID(39),
    SOCKET(41, INT, INT, INT),
    ACCEPT(43, FD, OUT, OUT),
    SENDTO(44, FD, IN, SIZE, FLAGS, IN, INT),
    RECVFROM(45, FD, OUT, SIZE, FLAGS, OUT, OUT),
    SENDMSG(46, FD, IN, FLAGS),
    RECVMSG(47, FD, IN, FLAGS),
    SOCKETPAIR(53, INT, INT, INT, OUT),
    CLONE(56, FLAGS, ADDR, ADDR, ADDR, INT),
    FORK(57),
    VFORK(58),
    EXECVE(59, PATH, IN, IN),
    EXIT(60, INT),
    WAIT4(61, PID, OUT, FLAGS, OUT),
    KILL(62, PID, SIGNAL),
    UNAME(63, OUT),
    FCNTL(72, FD, INT, INT),
    FLOCK(73, FD, INT),
    GETDENTS(78, FD, OUT, SIZE),
    CHDIR(80, PATH),
    UNLINK(87, PATH),
    READLINK(89, PATH, OUT, SIZE),
    GETTIMEOFDAY(96, OUT, OUT),
    GETRUSAGE(98, INT, OUT),
    SYSINFO(99, OUT),
    TIMES(100, OUT),
    PTRACE(101, INT, PID, ADDR, ADDR),
    GETUID(102),
    GETGID(104),
    GETEUID(107),
    GETEGID(108),
    SETPGID(109, PID, PID),
    GETPPID(110),
    GETPGRP(111),
    GETGROUPS(115, INT, OUT),
    GETRESUID(118, OUT, OUT, OUT),
    GETRESGID(120, OUT, OUT, OUT),
    GETPGID(121, PID),
    GETSID(124, PID),
    RT_SIGTIMEDWAIT(128, IN, OUT, IN, SIZE),
    RT_SIGQUEUEINFO(129, PID, SIGNAL, IN),
    RT_SIGSUSPEND(130, IN, SIZE),
    GETPRIORITY(140, INT, PID),
    SETPRIORITY(141, INT, PID, INT),
    SCHED_SETPARAM(142, PID, IN),
    SCHED_GETPARAM(143, PID, OUT),
    SCHED_SETSCHEDULER(144, PID, INT, IN),
    SCHED_GETSCHEDULER(145, PID),
    STATFS(137, PATH, OUT),
    PRCTL(157, INT, INT, INT, INT, INT),
    ARCH_PRCTL(158, INT, ADDR),
    GETTID(186),
    TIME(201, OUT),
    FUTEX(202, ADDR, INT, INT, IN, ADDR, INT),
    SCHED_SETAFFINITY(203, PID, SIZE, IN),
    SCHED_GETAFFINITY(204, PID, SIZE, OUT),
    TKILL(200, PID, SIGNAL),
    GETDENTS64(217, FD, OUT, SIZE),
    SET_TID_ADDRESS(218, ADDR),
    TIMER_CREATE(222, INT, IN, OUT),
    TIMER_SETTIME(223, INT, FLAGS, IN, OUT),
    TIMER_GETTIME(224, INT, OUT),
    TIMER_GETOVERRUN(225, INT),
    TIMER_DELETE(226, INT),
    CLOCK_GETTIME(228, INT, OUT),
    CLOCK_GETRES(229, INT, OUT),
    CLOCK_NANOSLEEP(230, INT, FLAGS, IN, OUT),
    EXIT_GROUP(231, INT),
    EPOLL_WAIT(232, FD, OUT, INT, INT),
    TGKILL(234, PID, PID, SIGNAL),
    WAITID(247, INT, PID, OUT, FLAGS, OUT),
    OPENAT(257, FD, PATH, FLAGS, INT),
    NEWFSTATAT(262, FD, PATH, OUT, FLAGS),
    READLINKAT(267, FD, PATH, OUT, SIZE),
    FACCESSAT(269, FD, PATH, INT),
    PSELECT6(270, INT, IN, IN, IN, IN, IN),
    PPOLL(271, IN, INT, IN, IN, SIZE),
    EPOLL_PWAIT(281, FD, OUT, INT, INT, IN, SIZE),
    ACCEPT4(288, FD, OUT, OUT, FLAGS),
    DUP3(292, FD, FD, FLAGS),
    PIPE2(293, OUT, FLAGS),
    RT_TGSIGQUEUEINFO(297, PID, PID, SIGNAL, IN),
    PERF_EVENT_OPEN(298, IN, PID, INT, FD, FLAGS),
    PRLIMIT64(302, PID, INT, IN, OUT),
    GETCPU(309, OUT, OUT, ADDR),
    PROCESS_VM_READV(310, PID, IN, SIZE, IN, SIZE, FLAGS),
    PROCESS_VM_WRITEV(311, PID, IN, SIZE, IN, SIZE, FLAGS),
    SECCOMP(317, INT, FLAGS, IN),
    GETRANDOM(318, OUT, SIZE, FLAGS),
    EXECVEAT(322, FD, PATH, IN, IN, FLAGS),
    STATX(332, FD, PATH, FLAGS, INT, OUT),
    RSEQ(334, ADDR, SIZE, FLAGS, INT),
    PIDFD_OPEN(434, PID, FLAGS),
    CLONE3(435, IN, SIZE),
    CLOSE_RANGE(436, FD, FD, FLAGS),
    OPENAT2(437, FD, PATH, IN, SIZE),
    FACCESSAT2(439, FD, PATH, INT, FLAGS),
    EPOLL_PWAIT2(441, FD, OUT, INT, IN, IN, SIZE);

    /** Numbers run below this; the supervisor's tables are this long. */
    public static final int TABLE_SIZE = 512;
    private static final Syscall[] BY_NUMBER = new Syscall[TABLE_SIZE];

    static {
        for (Syscall s : values()) {
            if (BY_NUMBER[s.nr] != null) {
                throw new ExceptionInInitializerError("two entries for system call " + s.nr);
            }
            BY_NUMBER[s.nr] = s;
        }
    }

    private final int nr;
    private final Arg[] args;

    Syscall(int nr, Arg... args) {
        this.nr = nr;
        this.args = args;
    }

    public int nr() {
        return nr;
    }

    /** How many arguments the call takes. */
    public int arity() {
        return args.length;
    }

    /** What argument {@code index} is. */
    public Arg arg(int index) {
        return args[index];
    }

    /** The kernel's name, e.g. "clock_gettime". */
    public String kernelName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The entry for {@code nr}, or null for a call this table does not list. */
    public static Syscall of(long nr) {
        return nr >= 0 && nr < TABLE_SIZE ? BY_NUMBER[(int) nr] : null;
    }
}
