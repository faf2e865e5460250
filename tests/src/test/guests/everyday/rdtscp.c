/* rdtscp.c: reads the TSC twice with rdtscp; the second reading is not earlier than the first. */
#include <stdio.h>
#include <x86intrin.h>
int main(void) { unsigned aux; unsigned long long a = __rdtscp(&aux); unsigned long long b = __rdtscp(&aux); printf("ok %d\n", b >= a); return 0; }
