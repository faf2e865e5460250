/*
 * vbench demo guest: prints values that differ on every native run (clocks, randomness, ids,
 * addresses, the CPU's time stamp counter, the machine) and does a fixed amount of work.
 * Under vbench every line is the same on every run and on any host.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static uint64_t work(unsigned n) {
    uint64_t x = 88172645463325252ull, sum = 0;
    for (unsigned i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        if (x & 1) sum += x % 1000;
    }
    return sum;
}

int main(void) {
    struct timespec rt, mono;
    clock_gettime(CLOCK_REALTIME, &rt);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    unsigned char r1[8] = {0}, r2[8] = {0};
    getrandom(r1, sizeof r1, 0);
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd >= 0) { read(fd, r2, sizeof r2); close(fd); }
    int local = 0;
    void *heap = malloc(64);
    struct utsname u;
    uname(&u);
    uint64_t w = work(2000000);
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);

    printf("wall clock      %lld.%09ld\n", (long long) rt.tv_sec, rt.tv_nsec);
    printf("getrandom       %02x%02x%02x%02x%02x%02x%02x%02x\n", r1[0], r1[1], r1[2], r1[3], r1[4], r1[5], r1[6], r1[7]);
    printf("/dev/urandom    %02x%02x%02x%02x%02x%02x%02x%02x\n", r2[0], r2[1], r2[2], r2[3], r2[4], r2[5], r2[6], r2[7]);
    printf("rand()          %d\n", (srand((unsigned) (rt.tv_nsec ^ getpid())), rand()));
    printf("pid             %d\n", (int) getpid());
    printf("stack address   %p\n", (void *) &local);
    printf("heap address    %p\n", heap);
    printf("host            %s %s, %d cpus, %ld MiB\n", u.nodename, u.release, get_nprocs(),
           (long) (sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE) >> 20));
    printf("work result     %llu\n", (unsigned long long) w);
    printf("work took       %lld ns\n",
           (long long) ((end.tv_sec - mono.tv_sec) * 1000000000LL + end.tv_nsec - mono.tv_nsec));
    return 0;
}
