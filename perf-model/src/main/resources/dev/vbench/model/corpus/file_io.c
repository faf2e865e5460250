/* File I/O through the page cache: 4 KiB pwrites cycling over an 8 MiB temporary file, then as
 * many 4 KiB preads. The file stays small, so the run never waits for the disk.
 * SIZE: number of 4 KiB blocks written (and read). */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "corpus_util.h"

#define BLOCK 4096
#define BLOCKS 2048 /* 8 MiB */

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/vbench-corpus-file_io-XXXXXX", dir != NULL && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    unlink(path); /* nothing is left behind, whatever happens */
    static char block[BLOCK];
    uint64_t sum = 0;
    for (long i = 0; i < n; i++) {
        memset(block, (int) (i & 0xff), 64);
        if (pwrite(fd, block, BLOCK, (off_t) (i % BLOCKS) * BLOCK) != BLOCK) {
            perror("pwrite");
            return 1;
        }
    }
    for (long i = 0; i < n; i++) {
        if (pread(fd, block, BLOCK, (off_t) (i % BLOCKS) * BLOCK) != BLOCK) {
            perror("pread");
            return 1;
        }
        sum += (uint8_t) block[i & 63];
    }
    close(fd);
    corpus_result("file_io", sum);
    return 0;
}
