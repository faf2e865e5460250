/*
 * vbench-client: hands one `vbench run ...` to a resident vbench server (RunServer) instead of
 * starting a JVM for it, which is most of a short run's time (0.4 s against a few ms).
 *
 * Usage: vbench-client SOCKET_DIR N JAVA_WORD_1 .. JAVA_WORD_N VBENCH_ARG...
 *   JAVA_WORD_1..N is the command that runs vbench in a JVM (java, its flags, -jar, the jar).
 *
 * A server serves only clients like the one that started it in all the JVM depends on: the same
 * JVM command and jar (size, time, inode), working directory, the environment variables the JVM
 * reads (is_jvm_variable), user, nice value, umask, resource limits and ignored and blocked
 * signals. They are hashed into the socket's name, so such a client finds its server without
 * asking; the server checks the directory and those variables again, and gives the run the
 * client's whole environment. It takes the client's standard descriptors (with
 * pidfd_getfd, which the kernel allows because it may trace us) and its CPUs, and replies with
 * the exit status. SIGINT, SIGTERM, SIGHUP and SIGQUIT are passed on as an interrupt; if this
 * client dies, the server kills the run's guests.
 *
 * Anything else (no server yet, a busy or refusing one, no socket directory) runs the JVM in this
 * process as the launcher would have: the run is never lost, only slower. With no server yet, one
 * is started in the background for the next run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROTOCOL "vbench-run/1"

extern char **environ;

static int server = -1;

/* FNV-1a, 64 bits: the socket's name, not a secret (the directory is the user's alone). */
static uint64_t hash = 0xcbf29ce484222325ULL;

static void mix(const void *data, size_t n) {
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        hash = (hash ^ p[i]) * 0x100000001b3ULL;
    }
}

static void mix_string(const char *s) {
    mix(s, strlen(s) + 1);
}

static void mix_status_line(const char *field) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, field, n) == 0) {
            mix_string(line);
        }
    }
    if (f) {
        fclose(f);
    }
}

/* RunServer.JVM_VARIABLES: the variables the JVM itself reads; the others are the run's alone. */
static int is_jvm_variable(const char *entry) {
    static const char *prefixes[] = {"JAVA_", "_JAVA_", "JDK_", "LD_", "MALLOC_", "GLIBC_", "LC_", "VBENCH_"};
    static const char *names[] = {"LANG", "LANGUAGE", "TZ", "TMPDIR", "PATH", "CLASSPATH"};
    const char *eq = strchr(entry, '=');
    size_t n = eq ? (size_t)(eq - entry) : strlen(entry);
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        if (strncmp(entry, prefixes[i], strlen(prefixes[i])) == 0 && n >= strlen(prefixes[i])) {
            return 1;
        }
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (n == strlen(names[i]) && strncmp(entry, names[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

static void run_jvm(char **java, int njava, char **args, int nargs) __attribute__((noreturn));
static void run_jvm(char **java, int njava, char **args, int nargs) {
    char **argv = calloc((size_t)njava + (size_t)nargs + 1, sizeof *argv);
    if (!argv) {
        perror("vbench-client");
        exit(125);
    }
    memcpy(argv, java, (size_t)njava * sizeof *argv);
    memcpy(argv + njava, args, (size_t)nargs * sizeof *argv);
    execvp(argv[0], argv);
    fprintf(stderr, "vbench: cannot run %s: %s\n", argv[0], strerror(errno));
    exit(errno == ENOENT ? 127 : 126);
}

/* The directory holds sockets that run commands as this user: it must be ours and closed to others. */
static int private_directory(const char *dir) {
    struct stat st;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        return 0;
    }
    return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() && (st.st_mode & 077) == 0;
}

static void start_server(char **java, int njava, const char *socket_path, const char *log_path) {
    pid_t child = fork();
    if (child < 0) {
        return;
    }
    if (child == 0) {
        /* A session of its own (no terminal, no Ctrl-C of ours), and not our child: we exec a JVM. */
        setsid();
        if (fork() != 0) {
            _exit(0);
        }
        int in = open("/dev/null", O_RDONLY);
        int log = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (in < 0 || log < 0) {
            _exit(1);
        }
        dup2(in, 0);
        dup2(log, 1);
        dup2(log, 2);
        closefrom(3);
        char **argv = calloc((size_t)njava + 4, sizeof *argv);
        if (!argv) {
            _exit(1);
        }
        memcpy(argv, java, (size_t)njava * sizeof *argv);
        argv[njava] = "server";
        argv[njava + 1] = "--socket";
        argv[njava + 2] = (char *)socket_path;
        execvp(argv[0], argv);
        _exit(127);
    }
    waitpid(child, NULL, 0);
}

static int send_all(const char *data, size_t n) {
    while (n > 0) {
        ssize_t w = send(server, data, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return 0;
        }
        data += w;
        n -= (size_t)w;
    }
    return 1;
}

/* One line from the server, without its newline; 0 if the connection ended first. */
static int read_line(char *line, size_t size) {
    size_t n = 0;
    while (n + 1 < size) {
        ssize_t r = read(server, line + n, 1);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return 0;
        }
        if (line[n] == '\n') {
            break;
        }
        n++;
    }
    line[n] = 0;
    return 1;
}

/* The request being built: a 4-byte length, then NUL-terminated fields (see RunRequest). */
static char *request;
static size_t request_len = 4, request_cap;

static int append(const char *field) {
    size_t n = strlen(field) + 1;
    if (request_len + n > request_cap) {
        size_t cap = request_cap ? request_cap : 1 << 16;
        while (request_len + n > cap) {
            cap *= 2;
        }
        char *bigger = realloc(request, cap);
        if (!bigger) {
            return 0;
        }
        request = bigger;
        request_cap = cap;
    }
    memcpy(request + request_len, field, n);
    request_len += n;
    return 1;
}

static int append_number(long value) {
    char number[32];
    snprintf(number, sizeof number, "%ld", value);
    return append(number);
}

/* The protocol, our pid, the working directory, the arguments and the environment, each counted. */
static int send_request(const char *cwd, char **args, int nargs) {
    int nenv = 0;
    while (environ[nenv]) {
        nenv++;
    }
    int ok = append(PROTOCOL) && append_number(getpid()) && append(cwd) && append_number(nargs);
    for (int i = 0; ok && i < nargs; i++) {
        ok = append(args[i]);
    }
    ok = ok && append_number(nenv);
    for (int i = 0; ok && i < nenv; i++) {
        ok = append(environ[i]);
    }
    if (!ok) {
        return 0;
    }
    uint32_t body = (uint32_t)(request_len - 4);
    memcpy(request, &body, 4);
    return send_all(request, request_len);
}

static void pass_on(int signal) {
    (void)signal;
    int saved = errno;
    send(server, "I", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    errno = saved;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: vbench-client SOCKET_DIR N JAVA_WORDS... VBENCH_ARGS...\n");
        return 125;
    }
    const char *dir = argv[1];
    int njava = atoi(argv[2]);
    if (njava < 1 || njava > argc - 3) {
        fprintf(stderr, "vbench-client: bad JVM word count %s\n", argv[2]);
        return 125;
    }
    char **java = argv + 3;
    char **args = java + njava;
    int nargs = argc - 3 - njava;
    /* A closed standard descriptor must stay closed for the guest, and our socket would take its
     * number: such a run is left to a JVM of its own. */
    for (int fd = 0; fd < 3; fd++) {
        if (fcntl(fd, F_GETFD) < 0) {
            run_jvm(java, njava, args, nargs);
        }
    }
    if (!private_directory(dir)) {
        run_jvm(java, njava, args, nargs);
    }

    char cwd[4096];
    struct stat jar;
    if (!getcwd(cwd, sizeof cwd)) {
        run_jvm(java, njava, args, nargs);
    }
    mix_string(PROTOCOL);
    for (int i = 0; i < njava; i++) {
        mix_string(java[i]);
        if (i > 0 && strcmp(java[i - 1], "-jar") == 0 && stat(java[i], &jar) == 0) {
            mix(&jar.st_size, sizeof jar.st_size);
            mix(&jar.st_mtim, sizeof jar.st_mtim);
            mix(&jar.st_ino, sizeof jar.st_ino);
        }
    }
    mix_string(cwd);
    for (char **e = environ; *e; e++) {
        if (is_jvm_variable(*e)) {
            mix_string(*e);
        }
    }
    uid_t uid = getuid();
    mix(&uid, sizeof uid);
    errno = 0;
    int nice_value = getpriority(PRIO_PROCESS, 0);
    mix(&nice_value, sizeof nice_value);
    mode_t mask = umask(0);
    umask(mask);
    mix(&mask, sizeof mask);
    for (int r = 0; r < RLIM_NLIMITS; r++) {
        struct rlimit limit;
        if (getrlimit(r, &limit) == 0) {
            mix(&limit, sizeof limit);
        }
    }
    mix_status_line("SigBlk:");
    mix_status_line("SigIgn:");

    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    char log_path[sizeof addr.sun_path + 8];
    int n = snprintf(addr.sun_path, sizeof addr.sun_path, "%s/%016llx.sock", dir, (unsigned long long)hash);
    if (n < 0 || (size_t)n >= sizeof addr.sun_path) {
        run_jvm(java, njava, args, nargs);
    }
    snprintf(log_path, sizeof log_path, "%s/%016llx.log", dir, (unsigned long long)hash);
    server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (server < 0 || connect(server, (struct sockaddr *)&addr, sizeof addr) != 0) {
        if (errno == ENOENT || errno == ECONNREFUSED) {
            start_server(java, njava, addr.sun_path, log_path);
        }
        run_jvm(java, njava, args, nargs);
    }

    char line[64];
    if (!send_request(cwd, args, nargs) || !read_line(line, sizeof line) || line[0] != 'A') {
        close(server); /* refused (busy, or not like us after all): run it here */
        run_jvm(java, njava, args, nargs);
    }
    /* With Yama's ptrace_scope 1, only a process we name may take our descriptors. */
    prctl(PR_SET_PTRACER, (unsigned long)atol(line + 1), 0, 0, 0);
    struct sigaction sa = {.sa_handler = pass_on};
    sigemptyset(&sa.sa_mask);
    int forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++) {
        sigaction(forwarded[i], &sa, NULL);
    }
    int ok = send_all("G", 1) && read_line(line, sizeof line);
    if (ok && line[0] == 'R') { /* it could not take our descriptors; nothing ran */
        close(server);
        sa.sa_handler = SIG_DFL;
        for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++) {
            sigaction(forwarded[i], &sa, NULL);
        }
        run_jvm(java, njava, args, nargs);
    }
    if (!ok || line[0] != 'E') {
        fprintf(stderr, "vbench: the vbench server ended during the run (its log: %s)\n", log_path);
        return 125;
    }
    return atoi(line + 1);
}
