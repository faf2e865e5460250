/* sigdfl.c PROGRAM ARGS...: resets SIGINT, SIGTERM, SIGHUP and SIGQUIT to their default action
 * and unblocks every signal, then execs PROGRAM. The test JVM starts vbench through it, so a
 * caller that ignores SIGINT (a non-interactive shell's background job) cannot make vbench's
 * JVM ignore it too. Not a guest. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
int main(int argc, char **argv) {
    if (argc < 2) return 2;
    int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execvp(argv[1], argv + 1);
    perror(argv[1]);
    return 127;
}
