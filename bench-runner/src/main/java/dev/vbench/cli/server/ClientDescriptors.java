package dev.vbench.cli.server;

import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;

/**
 * Puts a client's standard input, output and error in place of the server's own descriptors 0, 1
 * and 2 for one run, so that the guest inherits them and vbench's messages (System.out and
 * System.err write to 1 and 2) reach the client's terminal, pipe or file, with their offsets and
 * flags: pidfd_getfd duplicates the very open files, as if the client had passed them.
 */
final class ClientDescriptors implements AutoCloseable {
    private static final LibC C = Native.libc();
    private static final int SYS_DUP2 = 33, SYS_PIDFD_OPEN = 434, SYS_PIDFD_GETFD = 438;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int STANDARD = 3;

    /** The server's own descriptors 0-2 while a client's are in place, kept above them. */
    private final int[] saved = new int[STANDARD];

    private ClientDescriptors() {}

    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** Takes the standard descriptors of process {@code pid}; the server's come back at {@link #close}. */
    static ClientDescriptors take(int pid) throws Unavailable {
        int pidfd = (int) C.syscall(SYS_PIDFD_OPEN, pid, 0, 0);
        if (pidfd < 0) {
            throw new Unavailable("pidfd_open(" + pid + "): " + Native.describe(Native.errno()));
        }
        int[] theirs = {-1, -1, -1};
        try {
            for (int fd = 0; fd < STANDARD; fd++) {
                theirs[fd] = (int) C.syscall(SYS_PIDFD_GETFD, pidfd, fd, 0);
                if (theirs[fd] < 0) {
                    // EBADF: the client has it closed. The guest must find it closed too, but a server
                    // with a hole at 0-2 would have the JVM open its own files there meanwhile.
                    throw new Unavailable("pidfd_getfd(" + pid + ", " + fd + "): " + Native.describe(Native.errno()));
                }
            }
            ClientDescriptors d = new ClientDescriptors();
            for (int fd = 0; fd < STANDARD; fd++) {
                d.saved[fd] = C.fcntl(fd, F_DUPFD_CLOEXEC, 10);
            }
            for (int fd = 0; fd < STANDARD; fd++) {
                C.syscall(SYS_DUP2, theirs[fd], fd, 0);
            }
            return d;
        } finally {
            for (int fd : theirs) {
                if (fd >= 0) {
                    C.close(fd);
                }
            }
            C.close(pidfd);
        }
    }

    /** Flushes what vbench wrote and puts the server's own descriptors back. */
    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        for (int fd = 0; fd < STANDARD; fd++) {
            if (saved[fd] >= 0) {
                C.syscall(SYS_DUP2, saved[fd], fd, 0);
                C.close(saved[fd]);
            } else {
                C.close(fd); // the server had none: the client's must not stay open
            }
        }
    }
}
