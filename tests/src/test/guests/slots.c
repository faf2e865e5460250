/* Two loops for vbcount's issue slots: "chain" takes N square roots, each of the last result (a
 * dependency chain the loop carries: every step waits for the one before); "independent" updates
 * four variables N times, each step depending only on its own variable's last value by one
 * addition (a 4-wide core issues it at full width). Usage: slots chain|independent N */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "chain") != 0 && strcmp(argv[1], "independent") != 0)) {
        fprintf(stderr, "usage: slots chain|independent N\n");
        return 2;
    }
    long n = atol(argv[2]);
    if (strcmp(argv[1], "chain") == 0) {
        double x = 2.0;
        for (long i = 0; i < n; i++) {
            x = sqrt(x + 1.0);
        }
        printf("chain %ld %.6f\n", n, x);
    } else {
        unsigned long a = 1, b = 2, c = 3, d = 4;
        for (long i = 0; i < n; i++) {
            a += i;
            b ^= i;
            c += 3;
            d -= i;
            __asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d)); /* keep the loop as written */
        }
        printf("independent %ld %lu\n", n, a + b + c + d);
    }
    return 0;
}
