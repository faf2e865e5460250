/*
 * vbench.h: mark the part of a program that vbench should measure on its own.
 *
 *     #include "vbench.h"
 *     ...set up...
 *     vbench_region_begin("sort");
 *     ...the work to measure...
 *     vbench_region_end();
 *
 * Under `vbench run|bench` the result then reports, beside the whole run, each region's
 * instructions, branches, system calls and virtual time (`regions` in the result), and
 * `vbench compare --region sort` gates on the region alone. Regions nest; a region of the same
 * name opened again inside itself counts once. Each thread has its own regions.
 *
 * How the markers reach vbench:
 *   - under `--counter valgrind` a Valgrind client request, which the vbcount tool answers in
 *     process: no system call, and counts exact to the instruction;
 *   - otherwise a system call the supervisor recognises and answers:
 *     faccessat(-0x5642, NAME, F_OK) opens a region, faccessat(-0x5642, "", X_OK) closes one.
 *
 * Natively (not under vbench) the first marker finds no one answering (the client request
 * yields its default value, faccessat fails with EBADF) and every marker after it is a no-op: a
 * load and a branch. The program runs unchanged. Under another Valgrind tool the same holds.
 *
 * Cost under vbench (constant, stated in virtual-clock/src/main/c/vbcount/README.md): the
 * instructions of the marker functions counted inside a region, and with the system-call marker
 * one system call per begin and per end outside the valgrind counter.
 *
 * Names: up to 63 bytes (longer ones are cut), at most 64 distinct names per process.
 * Only x86-64 Linux speaks to vbench; elsewhere the markers compile to nothing.
 * This header has no dependencies and may be copied into any project.
 */
#ifndef VBENCH_H
#define VBENCH_H

#if defined(__x86_64__) && defined(__linux__)

/* Client request numbers: Valgrind's tool base for the letters 'V','B' (0x5642 << 16). */
#define VBENCH_REQ_REGION_BEGIN 0x56420000UL
#define VBENCH_REQ_REGION_END   0x56420001UL
/* What vbcount and the supervisor answer, so that no other value is taken for an answer. */
#define VBENCH_ACK              0x5642L
/* The directory descriptor of the system-call marker: no process has a descriptor below -100. */
#define VBENCH_MARKER_DIRFD     (-0x5642L)
#define VBENCH_SYS_FACCESSAT    269L

/* 0 not probed yet, 1 vbcount answers, 2 the supervisor answers, 3 nobody: native. */
static int vbench__mode;

/*
 * A Valgrind client request: the four rotations of %rdi add up to 128 bits (no change) and
 * `xchg %rbx,%rbx` does nothing, so natively %rdx keeps the default 0; under Valgrind the tool's
 * answer arrives in %rdx. %rax points at the request and its arguments.
 */
static inline unsigned long vbench__client_request(unsigned long request, unsigned long arg)
{
    volatile unsigned long block[6];
    unsigned long answer = 0;
    block[0] = request;
    block[1] = arg;
    block[2] = block[3] = block[4] = block[5] = 0;
    __asm__ volatile("rolq $3, %%rdi\n\t"
                     "rolq $13, %%rdi\n\t"
                     "rolq $61, %%rdi\n\t"
                     "rolq $51, %%rdi\n\t"
                     "xchgq %%rbx, %%rbx"
                     : "=d"(answer)
                     : "a"(&block[0]), "0"(answer)
                     : "cc", "memory");
    return answer;
}

static inline long vbench__faccessat(long dirfd, const char *path, long mode)
{
    long result;
    __asm__ volatile("syscall"
                     : "=a"(result)
                     : "0"(VBENCH_SYS_FACCESSAT), "D"(dirfd), "S"(path), "d"(mode)
                     : "rcx", "r11", "memory");
    return result;
}

static inline void vbench__mark(unsigned long request, const char *name, long mode)
{
    if (vbench__mode == 3) {
        return;
    }
    if (vbench__mode != 2 && vbench__client_request(request, (unsigned long)name) == (unsigned long)VBENCH_ACK) {
        vbench__mode = 1;
        return;
    }
    vbench__mode = vbench__faccessat(VBENCH_MARKER_DIRFD, name, mode) == VBENCH_ACK ? 2 : 3;
}

/* Opens the region NAME in the calling thread. */
static inline void vbench_region_begin(const char *name)
{
    vbench__mark(VBENCH_REQ_REGION_BEGIN, name, 0 /* F_OK */);
}

/* Closes the calling thread's innermost open region. */
static inline void vbench_region_end(void)
{
    vbench__mark(VBENCH_REQ_REGION_END, "", 1 /* X_OK */);
}

#else

static inline void vbench_region_begin(const char *name) { (void)name; }
static inline void vbench_region_end(void) {}

#endif
#endif /* VBENCH_H */
