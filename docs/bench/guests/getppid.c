/* getppid.c: makes N raw getppid system calls (syscall(2): no libc cache) and prints their sum.
 * speed.sh times it at N and at 0: the difference is the cost of N trapped calls. Usage: getppid N */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000, sum = 0;
    for (long i = 0; i < n; i++) sum += syscall(SYS_getppid);
    printf("%ld\n", sum);
    return 0;
}
