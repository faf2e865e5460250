/* aslr.c: prints the addresses of a stack variable, a small and a large malloc'd block, an
 * anonymous mmap, a libc function (printf), a static variable and a function of this PIE binary.
 * Varies natively: every address (ASLR, /proc/sys/kernel/randomize_va_space=2). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

static int static_var = 42;

int main(void) {
    int stack_var = 1;
    void *small = malloc(32);
    void *large = malloc(1 << 20);
    void *map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("stack=%p\n", (void *)&stack_var);
    printf("malloc_small=%p\n", small);
    printf("malloc_large=%p\n", large);
    printf("mmap=%p\n", map);
    printf("libc_printf=%p\n", (void *)&printf);
    printf("static_var=%p\n", (void *)&static_var);
    printf("main=%p\n", (void *)&main);
    return stack_var + static_var == 43 ? 0 : 1;
}
