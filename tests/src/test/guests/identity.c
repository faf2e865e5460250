/* identity.c: prints what a program can learn about the machine and its own ids:
 * uname, hostname, processor counts (five ways), memory (sysinfo, /proc/meminfo), the CPU it
 * runs on, pid/ppid/tid, and the pid of a forked child as the parent sees it from fork() and
 * waitpid() and as the child sees it from getpid().
 * Varies natively: pids, tid, the child's pid, sched_getcpu (on a multi-core host). */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static void file_first_line(const char *name, const char *path) {
    char buf[256] = "";
    FILE *f = fopen(path, "r");
    if (!f || !fgets(buf, sizeof buf, f)) { printf("%s=error\n", name); if (f) fclose(f); return; }
    fclose(f);
    buf[strcspn(buf, "\n")] = 0;
    printf("%s=%s\n", name, buf);
}

int main(void) {
    struct utsname u;
    uname(&u);
    printf("uname.sysname=%s\nuname.nodename=%s\nuname.release=%s\nuname.version=%s\nuname.machine=%s\n",
           u.sysname, u.nodename, u.release, u.version, u.machine);
    char host[256] = "";
    gethostname(host, sizeof host);
    printf("hostname=%s\n", host);
    printf("get_nprocs=%d\nget_nprocs_conf=%d\n", get_nprocs(), get_nprocs_conf());
    printf("sysconf_nprocessors_onln=%ld\nsysconf_nprocessors_conf=%ld\n",
           sysconf(_SC_NPROCESSORS_ONLN), sysconf(_SC_NPROCESSORS_CONF));
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) printf("affinity_count=%d\n", CPU_COUNT(&set));
    else printf("affinity_count=error\n");
    struct sysinfo si;
    sysinfo(&si);
    printf("sysinfo.totalram=%llu\n", (unsigned long long)si.totalram * si.mem_unit);
    printf("sysinfo.procs_nonzero=%d\n", si.procs > 0);
    FILE *f = fopen("/proc/meminfo", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, "MemTotal:", 9) == 0) {
            unsigned long long kb = 0;
            sscanf(line + 9, "%llu", &kb);
            printf("meminfo.memtotal_kb=%llu\n", kb);
        }
    }
    if (f) fclose(f);
    int processors = 0;
    f = fopen("/proc/cpuinfo", "r");
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "processor", 9) == 0) processors++;
    if (f) fclose(f);
    printf("cpuinfo.processors=%d\n", processors);
    file_first_line("sys.cpu.online", "/sys/devices/system/cpu/online");
    printf("sched_getcpu=%d\n", sched_getcpu());
    printf("pid=%d\nppid=%d\ntid=%ld\n", getpid(), getppid(), (long)syscall(SYS_gettid));
    int pipefd[2];
    if (pipe(pipefd) != 0) return 3;
    pid_t child = fork();
    if (child == 0) {
        char msg[64];
        int n = snprintf(msg, sizeof msg, "%d %d", getpid(), getppid());
        if (write(pipefd[1], msg, n) != n) _exit(4);
        _exit(7);
    }
    close(pipefd[1]);
    char got[64] = "";
    ssize_t n = read(pipefd[0], got, sizeof got - 1);
    if (n > 0) got[n] = 0;
    int status = 0;
    pid_t waited = waitpid(child, &status, 0);
    printf("fork.child_pid=%d\nchild.self_and_parent=%s\nwaitpid=%d\nchild.exit=%d\n", child, got, waited,
           WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
