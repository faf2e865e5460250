/* A heavy set-up phase and a marked loop: regions.c SETUP LOOP.
   The region "loop" must not see the set-up, and must grow exactly with LOOP. */
#include <stdio.h>
#include <stdlib.h>
#include "vbench.h"

static volatile unsigned long sink;

__attribute__((noinline)) static unsigned long step(unsigned long x)
{
    return x * 6364136223846793005UL + 1442695040888963407UL;
}

int main(int argc, char **argv)
{
    long setup = argc > 1 ? atol(argv[1]) : 1000;
    long loop = argc > 2 ? atol(argv[2]) : 100;
    unsigned long x = 1;
    char *table = malloc(4096);
    for (long i = 0; i < setup; i++) {
        x = step(x);
        table[i % 4096] = (char)x;
    }
    vbench_region_begin("loop");
    for (long i = 0; i < loop; i++) {
        x = step(x);
    }
    vbench_region_end();
    sink = x + (unsigned char)table[0];
    free(table);
    puts("done");
    return 0;
}
