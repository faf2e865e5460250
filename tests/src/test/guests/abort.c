/* abort.c: prints a line, then kills itself with SIGABRT (raise). */
#include <signal.h>
#include <stdio.h>
int main(void) {
    printf("about to abort\n");
    fflush(stdout);
    raise(SIGABRT);
    return 0;
}
