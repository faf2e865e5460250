/* Many small system calls: each step writes one byte to /dev/null, reads one from /dev/zero and
 * asks for the parent's pid. SIZE: number of steps (three calls each). */
#include <fcntl.h>
#include <unistd.h>
#include "corpus_util.h"

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    int out = open("/dev/null", O_WRONLY), in = open("/dev/zero", O_RDONLY);
    if (out < 0 || in < 0) {
        perror("open");
        return 1;
    }
    char byte = 'x';
    uint64_t sum = 0;
    for (long i = 0; i < n; i++) {
        if (write(out, &byte, 1) != 1 || read(in, &byte, 1) != 1) {
            perror("write/read");
            return 1;
        }
        sum += (uint64_t) getppid() + (uint8_t) byte;
        byte = 'x';
    }
    close(out);
    close(in);
    corpus_result("small_syscalls", sum);
    return 0;
}
