/* syscalls.c: makes exactly 1000 getppid, 1000 clock_gettime(CLOCK_MONOTONIC) and 1000 uname
 * system calls (raw syscall(2), so no libc cache or vDSO is involved), then prints a line.
 * The counts are what vbench must report for it. Nothing varies natively except the values. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    long sum = 0;
    struct timespec ts;
    struct utsname u;
    for (int i = 0; i < 1000; i++) sum += syscall(SYS_getppid);
    for (int i = 0; i < 1000; i++) sum += syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    for (int i = 0; i < 1000; i++) sum += syscall(SYS_uname, &u);
    printf("done %ld\n", sum > 0);
    return 0;
}
