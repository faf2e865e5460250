/* bigpipe.c: a writer sends TOTAL bytes through a pipe in writes of CHUNK bytes (far more than the
 * pipe holds) to a reader process that reads 1000 bytes at a time and stops after LIMIT bytes
 * (0: reads to the end). The kernel writes what fits and then sleeps in the call until the reader
 * reads; under vbench the reader waits for its turn meanwhile, so such a write used to stay in the
 * kernel until the wall-clock watchdog came. Prints what the reader read (with a checksum) and
 * what the writer's calls returned; SIGPIPE is ignored, so a reader that stops early gives the
 * writer a short write and then EPIPE. With "socket", a Unix stream socket pair instead of a pipe;
 * with "writev", each chunk goes as a writev of two buffers (its first byte, then the rest); with
 * "sendmsg", as a sendmsg of the same two buffers on a socket pair.
 * Usage: bigpipe CHUNK TOTAL LIMIT [socket|writev|sendmsg] */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: bigpipe CHUNK TOTAL LIMIT [socket|writev|sendmsg]\n");
        return 2;
    }
    long chunk = atol(argv[1]), total = atol(argv[2]), limit = atol(argv[3]);
    signal(SIGPIPE, SIG_IGN);
    int p[2];
    int use_sendmsg = argc == 5 && strcmp(argv[4], "sendmsg") == 0;
    int use_socket = use_sendmsg || (argc == 5 && strcmp(argv[4], "socket") == 0);
    int use_writev = argc == 5 && strcmp(argv[4], "writev") == 0;
    if ((use_socket ? socketpair(AF_UNIX, SOCK_STREAM, 0, p) : pipe(p)) != 0) {
        perror("pipe");
        return 1;
    }
    pid_t reader = fork();
    if (reader == 0) {
        close(p[1]);
        char buf[1000];
        long got = 0;
        unsigned sum = 0;
        ssize_t n;
        while ((limit == 0 || got < limit)
               && (n = read(p[0], buf, limit == 0 || limit - got > (long)sizeof buf ? sizeof buf : limit - got)) > 0) {
            for (ssize_t i = 0; i < n; i++) {
                sum = sum * 31 + (unsigned char)buf[i];
            }
            got += n;
        }
        printf("reader: read %ld bytes, checksum %u\n", got, sum);
        fflush(stdout);
        _exit(0);
    }
    close(p[0]);
    char *data = malloc(total);
    for (long i = 0; i < total; i++) {
        data[i] = (char)(i * 7 % 251);
    }
    long off = 0, calls = 0, shorts = 0;
    int err = 0;
    while (off < total) {
        long want = total - off < chunk ? total - off : chunk;
        struct iovec iov[2] = {{data + off, 1}, {data + off + 1, want - 1}};
        struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
        ssize_t n = use_sendmsg ? sendmsg(p[1], &msg, 0)
                    : use_writev ? writev(p[1], iov, 2) : write(p[1], data + off, want);
        calls++;
        if (n < 0) {
            err = errno;
            break;
        }
        if (n < want) {
            shorts++;
        }
        off += n;
    }
    close(p[1]);
    int status;
    waitpid(reader, &status, 0);
    printf("writer: %ld calls, %s%s, %s\n", calls, off == total ? "all written" : "stopped early",
           shorts ? " after a short write" : "", err ? strerror(err) : "no error");
    return 0;
}
