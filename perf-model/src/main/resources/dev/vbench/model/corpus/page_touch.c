/* Page faults: map 16 MiB of anonymous memory, write one byte per 4 KiB page, unmap, repeat.
 * SIZE: number of pages touched (each a fresh zero-filled page from the kernel). */
#include <sys/mman.h>
#include "corpus_util.h"

#define MAP_BYTES (16u << 20)
#define PAGE 4096u

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    uint64_t sum = 0;
    long touched = 0;
    while (touched < n) {
        unsigned char *m = mmap(NULL, MAP_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) {
            perror("mmap");
            return 1;
        }
        for (unsigned off = 0; off < MAP_BYTES && touched < n; off += PAGE, touched++) {
            m[off] = (unsigned char) touched;
            sum += m[off / 2];
        }
        munmap(m, MAP_BYTES);
    }
    corpus_result("page_touch", sum);
    return 0;
}
