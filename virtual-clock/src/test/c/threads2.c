/* Two worker threads doing different, fixed amounts of work (1x and 3x), joined by main.
   Used to check that vbcount's per-thread slots sum to the global total. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *work(void *arg) {
    long rounds = (long)arg;
    volatile unsigned long x = 1;
    for (long i = 0; i < rounds; i++) {
        x = x * 6364136223846793005ul + 1442695040888963407ul;
        if (x & 1) x ^= 0x9e3779b97f4a7c15ul;
    }
    return (void *)(unsigned long)x;
}

int main(int argc, char **argv) {
    long base = argc > 1 ? strtol(argv[1], NULL, 10) : 2000000;
    pthread_t a, b;
    void *ra, *rb;
    if (pthread_create(&a, NULL, work, (void *)base) != 0) return 1;
    if (pthread_create(&b, NULL, work, (void *)(3 * base)) != 0) return 1;
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    printf("%lu %lu\n", (unsigned long)ra, (unsigned long)rb);
    return 0;
}
