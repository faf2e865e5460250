/* env.c: prints its whole environment, one NAME=VALUE per line, in environ's order.
 * Varies natively with whatever the caller exports (PWD, SHLVL, OLDPWD, ...). */
#include <stdio.h>
extern char **environ;
int main(void) {
    for (char **e = environ; *e; e++) printf("%s\n", *e);
    return 0;
}
