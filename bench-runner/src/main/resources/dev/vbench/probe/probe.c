/*
 * vbench's platform probe: run under the same determinizer and counter as a benchmark, it prints
 * what the guest sees of the machine, one KEY=VALUE per line. vbench puts the answers into a
 * result's environment.fingerprint.
 */
#include <cpuid.h>
#include <gnu/libc-version.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(void) {
    unsigned int a, b, c, d;
    char vendor[13] = "";
    if (__get_cpuid(0, &a, &b, &c, &d)) {
        memcpy(vendor, &b, 4);
        memcpy(vendor + 4, &d, 4);
        memcpy(vendor + 8, &c, 4);
    }
    printf("vendor=%s\n", vendor);
    unsigned int leaf1[4] = {0, 0, 0, 0};
    if (__get_cpuid(1, &leaf1[0], &leaf1[1], &leaf1[2], &leaf1[3])) {
        unsigned int family = (leaf1[0] >> 8) & 0xf, model = (leaf1[0] >> 4) & 0xf;
        if (family == 0xf) family += (leaf1[0] >> 20) & 0xff;
        if (family >= 6) model += ((leaf1[0] >> 16) & 0xf) << 4;
        printf("signature=family %u model %u stepping %u\n", family, model, leaf1[0] & 0xf);
    }
    unsigned int leaf7[4] = {0, 0, 0, 0};
    __get_cpuid_count(7, 0, &leaf7[0], &leaf7[1], &leaf7[2], &leaf7[3]);
    /* The feature bits glibc chooses its string functions by: they change what a guest executes. */
    printf("features=%08x%08x%08x%08x%08x\n", leaf1[2], leaf1[3], leaf7[1], leaf7[2], leaf7[3]);
    char brand[49] = "";
    if (__get_cpuid_max(0x80000000, 0) >= 0x80000004) {
        unsigned int *r = (unsigned int *) brand;
        for (unsigned int leaf = 0x80000002; leaf <= 0x80000004; leaf++, r += 4) {
            __get_cpuid(leaf, &r[0], &r[1], &r[2], &r[3]);
        }
        brand[48] = 0;
    }
    char *start = brand;
    while (*start == ' ') start++;
    printf("brand=%s\n", start);
    printf("libc=glibc %s\n", gnu_get_libc_version());
    struct utsname u;
    if (uname(&u) == 0) {
        printf("kernel=%s\n", u.release);
    }
    return 0;
}
