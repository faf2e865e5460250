/* Two processes and a pipe: the parent generates SIZE MiB of data and writes it to a pipe in
 * 32 KiB writes; a forked child reads it in 32 KiB reads and checksums it, with an integer
 * division every 32 bytes. Process creation, data through the kernel, blocking reads and writes,
 * and some arithmetic. SIZE: MiB through the pipe. */
#include <sys/wait.h>
#include <unistd.h>
#include "corpus_util.h"

#define CHUNK 32768

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    int p[2];
    if (pipe(p) != 0) {
        perror("pipe");
        return 1;
    }
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        return 1;
    }
    static uint64_t buf[CHUNK / 8];
    if (child == 0) {
        close(p[1]);
        uint64_t sum = 0, divisor = 1000003 + (uint64_t) n;
        size_t have = 0;
        ssize_t got;
        while ((got = read(p[0], (char *) buf + have, CHUNK - have)) > 0) {
            have += (size_t) got;
            if (have < CHUNK) {
                continue;
            }
            for (size_t i = 0; i < CHUNK / 8; i += 4) {
                sum += buf[i] % divisor + buf[i + 1] + buf[i + 2] + buf[i + 3];
            }
            have = 0;
        }
        _exit((int) (sum % 251));
    }
    close(p[0]);
    uint64_t state = 0x9E3779B97F4A7C15ULL;
    for (long mib = 0; mib < n; mib++) {
        for (int c = 0; c < (1 << 20) / CHUNK; c++) {
            for (size_t i = 0; i < CHUNK / 8; i += 8) {
                buf[i] = corpus_next(&state);
                for (int k = 1; k < 8; k++) {
                    buf[i + k] = buf[i] + (uint64_t) k;
                }
            }
            size_t done = 0;
            while (done < CHUNK) {
                ssize_t w = write(p[1], (char *) buf + done, CHUNK - done);
                if (w <= 0) {
                    perror("write");
                    return 1;
                }
                done += (size_t) w;
            }
        }
    }
    close(p[1]);
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status)) {
        fprintf(stderr, "pipeline: the child failed\n");
        return 1;
    }
    corpus_result("pipeline", (uint64_t) WEXITSTATUS(status) + (uint64_t) n);
    return 0;
}
