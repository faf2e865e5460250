/* random.c: prints 16 bytes from each source of randomness as hex: getrandom(2),
 * /dev/urandom, /dev/random and the kernel's AT_RANDOM auxv bytes.
 * Varies natively: every line, on every run. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <unistd.h>

static void hex(const char *name, const unsigned char *b, size_t n) {
    printf("%s=", name);
    for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
    printf("\n");
}

static void dev(const char *name, const char *path) {
    unsigned char b[16] = {0};
    int fd = open(path, O_RDONLY);
    if (fd < 0 || read(fd, b, sizeof b) != (ssize_t)sizeof b) { printf("%s=error\n", name); return; }
    close(fd);
    hex(name, b, sizeof b);
}

int main(void) {
    unsigned char b[16] = {0};
    if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) printf("getrandom=error\n");
    else hex("getrandom", b, sizeof b);
    unsigned char c[16] = {0};
    getrandom(c, sizeof c, GRND_NONBLOCK);
    hex("getrandom2", c, sizeof c);
    dev("urandom", "/dev/urandom");
    dev("random", "/dev/random");
    const unsigned char *at = (const unsigned char *)getauxval(AT_RANDOM);
    if (at) hex("at_random", at, 16); else printf("at_random=missing\n");
    return 0;
}
