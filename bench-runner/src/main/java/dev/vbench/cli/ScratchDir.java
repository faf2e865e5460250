package dev.vbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory under /tmp for files a guest writes for vbench (JMH's JSON result, JVM logs), emptied
 * when taken and removed when closed. Its path depends only on what it is for and on a key (the
 * working directory and the command's inputs), so the same command run twice from the same directory
 * passes its guests the same path, and their arguments, environment and output are identical byte for
 * byte. Two vbench processes with the same key take turns: each holds a lock on {@code PATH.lock}
 * while it uses the directory.
 */
final class ScratchDir implements AutoCloseable {
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ScratchDir(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static ScratchDir create(String what, String key) {
        String hash = GuestRun.sha256Of((Path.of("").toAbsolutePath() + "\0" + key).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
        Path dir = Path.of("/tmp/vbench-" + what + "-" + hash);
        Path lockFile = Path.of(dir + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                System.err.println("vbench: waiting for another vbench " + what + " of the same command in this directory ("
                        + lockFile + ")");
                lock = channel.lock();
            }
            delete(dir); // left by a vbench that was killed
            Files.createDirectory(dir);
            return new ScratchDir(dir, channel, lock);
        } catch (IOException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw new UncheckedIOException("cannot make " + dir + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        try {
            delete(dir);
        } catch (IOException e) {
            System.err.println("vbench: warning: could not remove " + dir + ": " + e.getMessage());
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
