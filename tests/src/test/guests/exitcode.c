/* exitcode.c [N]: prints "hello from exitcode" and exits with status N (default 0). */
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    printf("hello from exitcode\n");
    return argc > 1 ? atoi(argv[1]) : 0;
}
