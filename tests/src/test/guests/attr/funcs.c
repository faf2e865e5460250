/* Several functions; built with -DEXTRA=N, inner() does N more iterations per call (EXTRA=10:
   1% more work in inner). The output does not depend on EXTRA. */
#include <stdio.h>

#ifndef EXTRA
#define EXTRA 0
#endif

static volatile unsigned long sink;

__attribute__((noinline)) static unsigned long inner(unsigned long x, int n)
{
    for (int i = 0; i < n + EXTRA; i++) {
        x = x * 6364136223846793005UL + 1442695040888963407UL;
    }
    return x;
}

__attribute__((noinline)) static unsigned long middle(unsigned long x, int n)
{
    return inner(x, n) ^ inner(x + 1, n / 2);
}

__attribute__((noinline)) static unsigned long other(unsigned long x)
{
    for (int i = 0; i < 100; i++) {
        x += (unsigned long)i * x;
    }
    return x;
}

__attribute__((noinline)) static unsigned long rec(int d)
{
    return d == 0 ? 1 : rec(d - 1) + (unsigned long)d;
}

int main(void)
{
    unsigned long x = 1;
    for (int i = 0; i < 200; i++) {
        x = middle(x, 1000);
        x = other(x);
    }
    x += rec(50);
    sink = x;
    puts("done");
    return 0;
}
