/* Prints its working directory and one environment variable, to check a suite's cwd and env. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) return 3;
    const char *v = getenv(argc > 1 ? argv[1] : "SUITE_VAR");
    printf("cwd=%s\nvar=%s\n", cwd, v ? v : "(unset)");
    return 0;
}
